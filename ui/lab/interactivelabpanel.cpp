#include "ui/lab/interactivelabpanel.h"

#include "ui/common/diagramstyle.h"
#include "ui/lab/livelabsession.h"
#include "ui/lab/simlabsession.h"

#include "model/eventtext.h"
#include "model/tracemodel.h"
#include "scenario/scenario.h"
#include "tcp/segment.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QKeySequence>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace {

// What an errno result means for a student, per call ("" = any call).
struct Explanation {
    const char *call;
    const char *result;
    const char *text;
};
constexpr Explanation kExplanations[] = {
    {"recv", "ENOTCONN",
     QT_TRANSLATE_NOOP("InteractiveLabPanel",
                       "(not connected: a server reads from the socket accept() returns — press "
                       "accept first)")},
    {"send", "ENOTCONN", QT_TRANSLATE_NOOP("InteractiveLabPanel", "(not connected yet)")},
    {"", "ECONNREFUSED",
     QT_TRANSLATE_NOOP("InteractiveLabPanel", "(nobody listens on that port: the answer was RST)")},
    {"", "ECONNRESET",
     QT_TRANSLATE_NOOP("InteractiveLabPanel", "(the peer reset the connection with RST)")},
    {"", "EPIPE",
     QT_TRANSLATE_NOOP("InteractiveLabPanel",
                       "(the connection is gone: this side shut down, or the peer closed or reset "
                       "it)")},
    {"", "ETIMEDOUT",
     QT_TRANSLATE_NOOP("InteractiveLabPanel", "(no answer: the retransmissions ran out)")},
    {"", "EAGAIN",
     QT_TRANSLATE_NOOP("InteractiveLabPanel", "(nothing happened before the call's timeout)")},
    {"connect", "EINPROGRESS",
     QT_TRANSLATE_NOOP("InteractiveLabPanel",
                       "(still connecting at the call's timeout: the kernel keeps retrying the SYN)")},
};

const char *explanation(const QString &call, const QString &result)
{
    for (const Explanation &e : kExplanations)
        if (result == QLatin1String(e.result) && (!*e.call || call == QLatin1String(e.call)))
            return e.text;
    return nullptr;
}

// The calls, in button order. A call that may block runs in the background ("server accept &"),
// as in a program where each endpoint has its own thread: the other endpoint stays usable, and
// its connect wakes the blocked accept. It gives up after the scenario language's default
// timeout (10 s, SO_RCVTIMEO-like), so a saved session replays the same without saying it --
// except where it did time out, which is saved explicitly.
struct CallButton {
    const char *call;
    bool blocks;
};
constexpr CallButton kCalls[] = {
    {"listen", false},   {"connect", true}, {"accept", true},
    {"send", false},     {"recv", true},    {"shutdown", false},
    {"close", false},    {"abort", false},  {"exit", false},
};
constexpr const char *kLabTimeout = "10s";

QString callText(const scenario::CallStep &c)
{
    scenario::Step step;
    step.body = c;
    return QString::fromStdString(scenario::stepToText(step));
}

bool blocks(const QString &call)
{
    for (const CallButton &c : kCalls)
        if (call == QLatin1String(c.call))
            return c.blocks;
    return false;
}

// A blocking call that gave up at its timeout returns this.
bool timedOut(const QString &call, const QString &result)
{
    return result == QLatin1String("EAGAIN")
           || (call == QLatin1String("connect") && result == QLatin1String("EINPROGRESS"));
}
} // namespace

InteractiveLabPanel::InteractiveLabPanel(TraceModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_mode(new QComboBox(this))
    , m_restart(new QPushButton(this))
    , m_modeLabel(new QLabel(this))
    , m_status(new QLabel(this))
    , m_log(new QListWidget(this))
    , m_save(new QPushButton(this))
{
    m_mode->addItem(QString(), false);
    m_mode->addItem(QString(), true);
    m_status->setWordWrap(true);
    // The whole choice and every log line readable: "Real kernel (tcplab-labd)" was cut, and
    // so were long results ("(end of file: …").
    m_mode->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_log->setWordWrap(true);
    m_log->setMinimumWidth(m_log->fontMetrics().horizontalAdvance(QLatin1Char('m')) * 22);
    m_log->setTextElideMode(Qt::ElideNone);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *top = new QHBoxLayout;
    top->addWidget(m_modeLabel);
    top->addWidget(m_mode);
    top->addWidget(m_restart);
    // Beside "New session", not under the log: on a low screen the log is what shrinks.
    top->addWidget(m_save);
    top->addWidget(m_status, 1);

    m_client = makeSide(Side::Client);
    m_server = makeSide(Side::Server);

    // The wire between them on the real kernel: the segments the lab holds, and the verdicts.
    // Function keys, as a debugger steps: one press, one segment. (Made after the two sides:
    // the panel's group boxes are the client's, the server's, then this one.)
    m_holdBox = new QGroupBox(this);
    m_holdBox->setObjectName(QStringLiteral("holdBox"));
    m_hold = new QCheckBox(m_holdBox);
    m_heldList = new QListWidget(m_holdBox);
    m_holdHint = new QLabel(m_holdBox);
    m_deliver = new QPushButton(m_holdBox);
    m_drop = new QPushButton(m_holdBox);
    m_delay = new QPushButton(m_holdBox);
    m_twice = new QPushButton(m_holdBox);
    // One row under the two sides (the dock is wider than high): the switch and what it says,
    // the held segments, the four verdicts.
    auto *hold = new QHBoxLayout(m_holdBox);
    hold->setContentsMargins(6, 2, 6, 4);
    auto *holdSwitch = new QVBoxLayout;
    holdSwitch->addWidget(m_hold);
    holdSwitch->addWidget(m_holdHint);
    holdSwitch->addStretch(1);
    auto *verdicts = new QGridLayout;
    verdicts->setSpacing(2);
    verdicts->addWidget(m_deliver, 0, 0);
    verdicts->addWidget(m_drop, 0, 1);
    verdicts->addWidget(m_delay, 1, 0);
    verdicts->addWidget(m_twice, 1, 1);
    hold->addLayout(holdSwitch);
    hold->addWidget(m_heldList, 1);
    hold->addLayout(verdicts);
    m_holdHint->setWordWrap(true);
    m_holdHint->setMaximumWidth(m_holdHint->fontMetrics().horizontalAdvance(QLatin1Char('m')) * 14);
    m_heldList->setMaximumHeight(m_heldList->fontMetrics().height() * 3 + 8);
    m_heldList->setMinimumWidth(m_heldList->fontMetrics().horizontalAdvance(QLatin1Char('m')) * 12);
    connect(m_hold, &QCheckBox::toggled, this, &InteractiveLabPanel::setHoldSegments);
    connect(m_deliver, &QPushButton::clicked, this, [this] { judgeHeld(QStringLiteral("deliver")); });
    connect(m_drop, &QPushButton::clicked, this, [this] { judgeHeld(QStringLiteral("drop")); });
    connect(m_delay, &QPushButton::clicked, this, [this] { judgeHeld(QStringLiteral("delay")); });
    connect(m_twice, &QPushButton::clicked, this, [this] { judgeHeld(QStringLiteral("twice")); });
    connect(m_heldList, &QListWidget::currentRowChanged, this, [this] { updateHoldControls(); });

    // Client left, server right, as on the sequence diagram, the wire under them; the log of
    // results beside them.
    auto *sides = new QGridLayout;
    sides->addWidget(m_client.box, 0, 0);
    sides->addWidget(m_server.box, 0, 1);
    sides->addWidget(m_holdBox, 1, 0, 1, 2);
    sides->addWidget(m_log, 0, 2, 2, 1);
    sides->setColumnStretch(2, 1);
    sides->setRowStretch(0, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addLayout(sides, 1);

    connect(m_restart, &QPushButton::clicked, this, &InteractiveLabPanel::newSession);
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        if (!maybeSave()) { // keep the session: put the choice back
            const QSignalBlocker block(m_mode);
            m_mode->setCurrentIndex(m_session && m_session->isLive() ? 1 : 0);
            return;
        }
        newSession();
    });
    connect(m_save, &QPushButton::clicked, this, &InteractiveLabPanel::saveAs);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (!m_ownReset && m_session)
            endSession();
    });
    retranslate();
    updateHoldControls();
}

void InteractiveLabPanel::endSession()
{
    m_session.reset(); // a live session's helper ends with it
    m_pending.clear();
    m_blocked.clear();
    m_held.clear();
    updateHoldControls();
    setBlocked(&m_client, QString());
    setBlocked(&m_server, QString());
    const QString why = tr("Session ended: the views show another run. Press a call to start a "
                           "new session.");
    setStatus(why, false);
    log(why);
}

InteractiveLabPanel::~InteractiveLabPanel() = default;

bool InteractiveLabPanel::isLive() const
{
    return m_mode->currentData().toBool();
}

InteractiveLabPanel::SidePanel InteractiveLabPanel::makeSide(Side s)
{
    SidePanel side;
    side.box = new QGroupBox(this);
    // The step lines the buttons send name the endpoint as the scenario language does.
    const QString ep = QString::fromStdString(tcplab::endpointName(endpointOf(s)));
    side.box->setStyleSheet(QStringLiteral("QGroupBox { font-weight: bold; color: %1; }")
                                .arg(DiagramStyle::sideColor(s).name()));
    auto *grid = new QGridLayout(side.box);
    grid->setVerticalSpacing(4); // three rows of buttons and the result fit a low dock
    grid->setContentsMargins(6, 4, 6, 4);
    side.bytes = new QSpinBox(side.box);
    side.bytes->setRange(1, 1'000'000);
    side.bytes->setValue(100);
    int i = 0;
    for (const CallButton &c : kCalls) {
        auto *button = new QPushButton(side.box);
        const QString call = QLatin1String(c.call);
        connect(button, &QPushButton::clicked, this, [this, ep, call, bytes = side.bytes] {
            pressCall(ep, call, call == QLatin1String("send") ? bytes->value() : -1);
        });
        side.buttons.append(button);
        const int row = i / 3, col = i % 3;
        if (call == QLatin1String("send")) {
            auto *sendRow = new QHBoxLayout;
            sendRow->addWidget(button);
            sendRow->addWidget(side.bytes);
            grid->addLayout(sendRow, row, col, 1, 1);
        } else {
            grid->addWidget(button, row, col);
        }
        ++i;
    }
    side.last = new QLabel(side.box);
    side.last->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long result ("recv() = 0 (end of file: the peer has closed)") wraps instead of
    // widening the panel, which would squeeze the docks beside it.
    side.last->setWordWrap(true);
    side.last->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QFont f = side.last->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    side.last->setFont(f);
    grid->addWidget(side.last, (i + 2) / 3, 0, 1, 3);
    // A moving bar while a call blocks: the endpoint is waiting, not stuck.
    side.busy = new QProgressBar(side.box);
    side.busy->setRange(0, 0);
    side.busy->setTextVisible(false);
    side.busy->setMaximumHeight(side.busy->fontMetrics().height() / 2 + 2);
    side.busy->hide();
    grid->addWidget(side.busy, (i + 2) / 3 + 1, 0, 1, 3);
    return side;
}

void InteractiveLabPanel::retranslate()
{
    m_modeLabel->setText(tr("Run on:"));
    m_mode->setItemText(0, tr("Simulator"));
    m_mode->setItemText(1, tr("Real kernel (tcplab-labd)"));
    m_restart->setText(tr("New session"));
    m_restart->setToolTip(tr("Start again with two fresh sockets"));
    m_save->setText(tr("Save session as scenario…"));
    m_holdBox->setTitle(tr("On the wire"));
    m_hold->setText(tr("Hold every segment"));
    m_hold->setToolTip(tr("Each segment the kernel sends waits on the wire, in the lab's queue, "
                          "until you decide what becomes of it: the sender's state is already "
                          "the new one, the receiver's not yet (Ctrl+Shift+H)"));
    m_deliver->setText(tr("Deliver (F5)"));
    m_deliver->setToolTip(tr("The held segment goes on to its receiver now"));
    m_drop->setText(tr("Drop (F6)"));
    m_drop->setToolTip(tr("The held segment is lost: its sender's TCP will retransmit it"));
    m_delay->setText(tr("Delay 1 s (F7)"));
    m_delay->setToolTip(tr("The held segment goes on one second from now; later segments may "
                           "overtake it"));
    m_twice->setText(tr("Deliver twice (F8)"));
    m_twice->setToolTip(tr("The held segment goes on, then a copy of it, as a network that "
                           "duplicates"));
    // After the texts: a button's setText() replaces its shortcut with the text's mnemonic.
    m_deliver->setShortcut(QKeySequence(Qt::Key_F5));
    m_drop->setShortcut(QKeySequence(Qt::Key_F6));
    m_delay->setShortcut(QKeySequence(Qt::Key_F7));
    m_twice->setShortcut(QKeySequence(Qt::Key_F8));
    m_hold->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    for (int i = 0; i < m_heldList->count() && i < m_held.size(); ++i)
        m_heldList->item(i)->setText(QStringLiteral("#%1  %2  %3")
                                         .arg(m_held[i].hold)
                                         .arg(EventText::who(m_held[i].segment),
                                              EventText::segmentLabel(m_held[i].segment)));
    m_client.box->setTitle(tr("Client"));
    m_server.box->setTitle(tr("Server"));
    const QStringList labels = {tr("listen"), tr("connect"), tr("accept"),
                                tr("send"),   tr("recv"),    tr("shutdown"),
                                tr("close"),  tr("abort"),   tr("kill process")};
    const QStringList tips = {
        tr("listen(): passive open, CLOSED → LISTEN"),
        tr("connect(): active open, sends SYN; blocks until the handshake completes (up to "
           "10 s)"),
        tr("accept(): takes an established connection; blocks until a client connects (up to "
           "10 s)"),
        tr("send(N bytes)"),
        tr("recv(): returns bytes, or 0 once the peer's FIN has arrived; blocks until one of "
           "them comes (up to 10 s)"),
        tr("shutdown(SHUT_WR): sends FIN, can still receive"),
        tr("close(): sends FIN (RST if unread data is left)"),
        tr("abort: SO_LINGER 0 then close(): sends RST"),
        tr("The process is killed (Ctrl+C): the kernel closes the socket for it")};
    for (SidePanel *side : {&m_client, &m_server}) {
        for (int i = 0; i < side->buttons.size(); ++i) {
            side->buttons[i]->setText(labels.value(i));
            side->buttons[i]->setToolTip(tips.value(i));
        }
        if (!side->blockedCall.isEmpty()) {
            side->last->setText(blockedText(side->blockedCall));
        } else if (side->last->text().isEmpty() || side->last->property("empty").toBool()) {
            side->last->setText(tr("Last result: —"));
            side->last->setProperty("empty", true);
        }
    }
    if (!m_session)
        setStatus(tr("Press a button to start a session."), false);
    updateHoldControls();
}

void InteractiveLabPanel::setLive(bool live)
{
    m_mode->setCurrentIndex(live ? 1 : 0);
    updateHoldControls();
}

void InteractiveLabPanel::newSession()
{
    if (!maybeSave())
        return;
    m_steps.clear();
    m_pending.clear();
    m_blocked.clear();
    m_held.clear();
    m_heldList->clear();
    setBlocked(&m_client, QString());
    setBlocked(&m_server, QString());
    m_saved = true;
    m_log->clear();
    for (SidePanel *side : {&m_client, &m_server}) {
        side->last->setText(tr("Last result: —"));
        side->last->setProperty("empty", true);
    }
    tcplab::Trace empty;
    empty.title = tr("Interactive session").toStdString();
    empty.producer = isLive() ? "live" : "sim";
    m_ownReset = true;
    m_model->setTrace(empty);
    m_ownReset = false;
    if (isLive())
        m_session = std::make_unique<LiveLabSession>();
    else
        m_session = std::make_unique<SimLabSession>();
    connect(m_session.get(), &LabSession::eventArrived, m_model, &TraceModel::appendEvent);
    connect(m_session.get(), &LabSession::replied, this, &InteractiveLabPanel::replied);
    connect(m_session.get(), &LabSession::callReturned, this, &InteractiveLabPanel::callReturned);
    connect(m_session.get(), &LabSession::failed, this, &InteractiveLabPanel::failed);
    connect(m_session.get(), &LabSession::segmentHeld, this, &InteractiveLabPanel::segmentHeld);
    connect(m_session.get(), &LabSession::segmentReleased, this,
            &InteractiveLabPanel::segmentReleased);
    connect(m_session.get(), &LabSession::ready, this, [this] {
        setStatus(isLive() ? tr("Real kernel ready: sockets on 127.0.0.1 in a private network "
                                "namespace.")
                           : tr("Simulator ready."),
                  false);
    });
    setStatus(isLive() ? tr("Starting the live lab helper…") : tr("Starting the simulator…"),
              false);
    m_session->start();
    // A new session holds segments if the box says so (sent once the helper is ready).
    if (m_session->canHold() && m_hold->isChecked())
        m_session->send(QStringLiteral("hold on"));
    updateHoldControls();
}

void InteractiveLabPanel::runLine(const QString &line)
{
    run(line, line);
}

void InteractiveLabPanel::pressCall(const QString &ep, const QString &call, int bytes)
{
    QString line = ep + QLatin1Char(' ') + call;
    if (bytes >= 0)
        line += QLatin1Char(' ') + QString::number(bytes);
    run(blocks(call) ? line + QStringLiteral(" &") : line, line);
}

void InteractiveLabPanel::run(const QString &sent, const QString &recorded)
{
    if (!m_session)
        newSession();
    if (!m_session)
        return;
    log(QStringLiteral("> ") + recorded);
    // Before send(): the simulator replies at once, from inside it.
    m_pending.append({sent, recorded});
    m_session->send(sent);
}

bool InteractiveLabPanel::holdsSegments() const
{
    return m_hold->isChecked();
}

int InteractiveLabPanel::heldCount() const
{
    return int(m_held.size());
}

void InteractiveLabPanel::setHoldSegments(bool hold)
{
    if (m_hold->isChecked() != hold) {
        m_hold->setChecked(hold); // toggled() comes back here
        return;
    }
    if (!isLive())
        return;
    if (!m_session)
        newSession(); // sends "hold on" itself
    else
        m_session->send(hold ? QStringLiteral("hold on") : QStringLiteral("hold off"));
    log(hold ? tr("Holding every segment: each waits on the wire for your verdict.")
             : tr("Segments go on their way again."));
    updateHoldControls();
}

void InteractiveLabPanel::judgeHeld(const QString &verdict)
{
    if (!m_session || m_held.isEmpty())
        return;
    const int row = m_heldList->currentRow();
    HeldSegment &h = m_held[row >= 0 && row < m_held.size() ? row : 0];
    if (!h.verdict.isEmpty())
        return; // one verdict each; its reply is on the way
    h.verdict = verdict;
    const QString line = verdict == QLatin1String("delay")
                             ? QStringLiteral("held delay 1s %1").arg(h.hold)
                             : QStringLiteral("held %1 %2").arg(verdict).arg(h.hold);
    m_session->send(line);
    updateHoldControls();
}

void InteractiveLabPanel::segmentHeld(int hold, const tcplab::Event &segment)
{
    HeldSegment h;
    h.hold = hold;
    h.segment = segment;
    // A saved session replays a verdict as a fault step just before the step that sent the
    // segment: the one awaiting its reply, else the last one (a segment the peer sends in
    // answer to a delivered one comes after no new step).
    h.insertAt = m_pending.isEmpty() ? std::max(0, int(m_steps.size()) - 1) : int(m_steps.size());
    h.heldMs = QDateTime::currentMSecsSinceEpoch();
    m_held.append(h);
    m_heldList->addItem(QStringLiteral("#%1  %2  %3")
                            .arg(hold)
                            .arg(EventText::who(segment), EventText::segmentLabel(segment)));
    if (m_heldList->currentRow() < 0)
        m_heldList->setCurrentRow(0);
    if (m_model)
        m_model->setHeld(hold, segment);
    log(tr("#%1 held on the wire: %2 %3").arg(hold).arg(EventText::who(segment),
                                                         EventText::segmentLabel(segment)));
    updateHoldControls();
}

void InteractiveLabPanel::segmentReleased(int hold)
{
    for (int i = 0; i < m_held.size(); ++i) {
        if (m_held[i].hold != hold)
            continue;
        const HeldSegment h = m_held.takeAt(i);
        delete m_heldList->takeItem(i);
        // The fault step that replays the verdict ("" for a segment delivered at once).
        const QString dir = QString::fromStdString(tcplab::endpointName(h.segment.src) + "->"
                                                   + tcplab::endpointName(h.segment.dst));
        const QString flags = QString::fromStdString(tcp::flagsName(h.segment.flags));
        const qint64 waited = QDateTime::currentMSecsSinceEpoch() - h.heldMs;
        QString rule;
        if (h.verdict == QLatin1String("drop"))
            rule = QStringLiteral("drop %1 %2").arg(dir, flags);
        else if (h.verdict == QLatin1String("twice"))
            rule = QStringLiteral("duplicate %1 %2").arg(dir, flags);
        else if (waited >= 50) // held a while (a delay, or thinking): replayed as a delay
            rule = QStringLiteral("delay %1 %2 by %3ms").arg(dir, flags).arg(waited);
        if (!rule.isEmpty())
            insertStep(std::min(h.insertAt, int(m_steps.size())), rule);
        break;
    }
    if (m_model)
        m_model->removeHeld(hold);
    if (m_heldList->currentRow() < 0 && m_heldList->count() > 0)
        m_heldList->setCurrentRow(0);
    updateHoldControls();
}

void InteractiveLabPanel::insertStep(int index, const QString &line)
{
    m_steps.insert(index, line);
    for (Blocked &b : m_blocked)
        if (b.step >= index)
            ++b.step;
    for (HeldSegment &h : m_held)
        if (h.insertAt > index)
            ++h.insertAt;
    m_saved = false;
}

void InteractiveLabPanel::holdReplied(const QString &line, bool ok, const QString &message)
{
    if (ok)
        return;
    // A verdict the helper refused (the segment went on meanwhile): it may be given again.
    for (HeldSegment &h : m_held)
        if (line.endsWith(QLatin1Char(' ') + QString::number(h.hold)))
            h.verdict.clear();
    log(line + QStringLiteral(": ") + message, true);
    setStatus(message, true);
    updateHoldControls();
}

void InteractiveLabPanel::updateHoldControls()
{
    const bool live = isLive();
    m_holdBox->setVisible(live);
    m_hold->setEnabled(live);
    const int row = m_heldList->currentRow();
    const bool pick = !m_held.isEmpty()
        && m_held[row >= 0 && row < m_held.size() ? row : 0].verdict.isEmpty();
    for (QPushButton *b : {m_deliver, m_drop, m_delay, m_twice})
        b->setEnabled(live && m_session && pick);
    m_holdHint->setText(!m_hold->isChecked() ? tr("Segments go straight on.")
                        : m_held.isEmpty() ? tr("Nothing is held: press a call.")
                                           : tr("%n segment(s) held. Choose one, then its fate.",
                                                nullptr, int(m_held.size())));
}

InteractiveLabPanel::SidePanel *InteractiveLabPanel::sideOf(const QString &ep)
{
    tcplab::EndpointId id;
    if (!tcplab::parseEndpoint(ep.toStdString(), id))
        return nullptr;
    return id.isClient() ? &m_client : id.isServer() ? &m_server : nullptr;
}

void InteractiveLabPanel::setBlocked(SidePanel *side, const QString &call)
{
    if (!side)
        return;
    side->blockedCall = call;
    // One thread per endpoint: while its call blocks, that endpoint can do nothing else; the
    // other one can, and is what wakes it.
    for (QPushButton *button : side->buttons)
        button->setEnabled(call.isEmpty());
    side->bytes->setEnabled(call.isEmpty());
    side->busy->setVisible(!call.isEmpty());
    if (!call.isEmpty()) {
        side->last->setText(blockedText(call));
        side->last->setProperty("empty", false);
    }
}

QString InteractiveLabPanel::blockedText(const QString &call) const
{
    return call == QLatin1String("accept")
               ? tr("accept() … blocked: waiting for a client to connect (up to 10 s)")
           : call == QLatin1String("connect")
               ? tr("connect() … blocked: waiting for the handshake (up to 10 s)")
               : tr("recv() … blocked: waiting for data or the peer's FIN (up to 10 s)");
}

void InteractiveLabPanel::replied(const QString &line, bool ok, const QString &result,
                                  const QString &message)
{
    if (line.startsWith(QLatin1String("hold ")) || line.startsWith(QLatin1String("held "))) {
        holdReplied(line, ok, message);
        return;
    }
    // What the student pressed, without the background mark the lab added (see kCalls).
    QString recorded = line;
    for (int i = 0; i < m_pending.size(); ++i) {
        if (m_pending[i].first == line) {
            recorded = m_pending.takeAt(i).second;
            break;
        }
    }
    scenario::Step step;
    scenario::ParseError perr;
    const bool parsed = scenario::parseStepLine(recorded.toStdString(), 1, step, perr);
    const scenario::CallStep *call = parsed ? step.getIf<scenario::CallStep>() : nullptr;
    if (ok && result.isEmpty() && line.trimmed().endsWith(QLatin1Char('&')) && call) {
        // The call blocks in the background: saved as such until it returns (callReturned).
        const QString ep = QString::fromStdString(tcplab::endpointName(call->ep));
        Blocked b;
        b.sent = line;
        b.call = *call;
        b.call.background = true;
        b.step = int(m_steps.size());
        m_steps.append(callText(b.call));
        m_saved = false;
        m_blocked.insert(ep, b);
        setBlocked(sideOf(ep), QString::fromStdString(tcp::callName(call->call)));
        return;
    }
    if (ok || !result.isEmpty()) {
        m_steps.append(recorded);
        m_saved = false;
    }
    showResult(line, ok, result, message);
}

void InteractiveLabPanel::callReturned(const QString &line, const QString &result)
{
    const QString ep = line.section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty);
    const auto it = m_blocked.find(ep);
    if (it == m_blocked.end() || it->sent != line)
        return;
    Blocked b = *it;
    m_blocked.erase(it);
    setBlocked(sideOf(ep), QString());
    // Saved so that replaying the scenario does what the session did: a call that timed out
    // with its timeout; one that other steps overtook in the background ("&"), collected where
    // it returned; one that returned before anything else happened, as a plain call.
    const QString call = QString::fromStdString(tcp::callName(b.call.call));
    if (timedOut(call, result) && b.call.timeout < 0)
        scenario::parseDuration(kLabTimeout, b.call.timeout);
    const bool overtaken = b.step + 1 < int(m_steps.size());
    b.call.background = overtaken;
    if (b.step < m_steps.size())
        m_steps[b.step] = callText(b.call);
    if (overtaken)
        m_steps.append(QStringLiteral("expect %1 returned %2").arg(ep, result));
    m_saved = false;
    showResult(ep + QLatin1Char(' ') + call
                   + (b.call.arg >= 0 && b.call.call == tcp::Call::Send
                          ? QLatin1Char(' ') + QString::number(b.call.arg)
                          : QString()),
               true, result, QString());
}

void InteractiveLabPanel::showResult(const QString &line, bool ok, const QString &result,
                                     const QString &message)
{
    const QStringList words = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QString ep = words.value(0);
    QString shown;
    if (words.size() >= 2) {
        QString call = words.value(1);
        QString arg;
        if (call == QLatin1String("send") && words.size() >= 3)
            arg = words.value(2);
        if (call == QLatin1String("exit"))
            call = tr("kill process");
        // recv() returning 0 is how a program learns that the peer has closed.
        const QString value = result == QLatin1String("EOF") ? QStringLiteral("0") : result;
        shown = QStringLiteral("%1(%2)").arg(call, arg);
        if (!value.isEmpty())
            shown += QStringLiteral(" = ") + value;
        if (result == QLatin1String("EOF"))
            shown += QLatin1Char(' ') + tr("(end of file: the peer has closed)");
        else if (const char *why = explanation(call, result))
            shown += QLatin1Char(' ') + tr(why);
    }
    if (!ok && !message.isEmpty())
        shown += (shown.isEmpty() ? QString() : QStringLiteral(" — ")) + message;
    tcplab::EndpointId id;
    const bool known = tcplab::parseEndpoint(ep.toStdString(), id);
    log((known ? EventText::endpointName(id) : ep) + QStringLiteral(": ") + shown, !ok);
    if (SidePanel *side = sideOf(ep)) {
        if (side->blockedCall.isEmpty()) {
            side->last->setText(tr("Last result: %1").arg(shown));
            side->last->setProperty("empty", false);
        }
    }
    Q_EMIT statusMessage(shown);
}

void InteractiveLabPanel::failed(const QString &message)
{
    setStatus(message, true);
    log(message, true);
    Q_EMIT sessionFailed(message);
    if (isLive()) {
        setStatus(message + QLatin1Char('\n') +
                      tr("The simulator still works: choose \"Simulator\" above."),
                  true);
    }
}

void InteractiveLabPanel::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b00020; font-weight: bold;")
                                  : QString());
}

void InteractiveLabPanel::log(const QString &text, bool error)
{
    auto *item = new QListWidgetItem(text, m_log);
    if (error)
        item->setForeground(DiagramStyle::dropColor());
    m_log->scrollToBottom();
}

bool InteractiveLabPanel::saveSession(const QString &fileName, QString *error)
{
    // The header of the shipped scenarios: title, why, mode; then one step per line.
    QString text = QStringLiteral("title: %1\nwhy: %2\nmode: %3\n\n")
                       .arg(tr("Interactive session of %1")
                                .arg(QDateTime::currentDateTime().toString(Qt::ISODate)),
                            isLive() ? tr("Calls pressed in the interactive lab, on the real "
                                          "kernel, in order.")
                                     : tr("Calls pressed in the interactive lab, in the "
                                          "simulator, in order."),
                            isLive() ? QStringLiteral("live") : QStringLiteral("sim"));
    int lineNo = 0;
    for (const QString &line : m_steps) {
        scenario::Step step;
        scenario::ParseError perr;
        if (scenario::parseStepLine(line.toStdString(), ++lineNo, step, perr))
            text += QString::fromStdString(scenario::stepToText(step)) + QLatin1Char('\n');
    }
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        *error = tr("Cannot write %1: %2").arg(fileName, file.errorString());
        return false;
    }
    m_saved = true;
    return true;
}

void InteractiveLabPanel::saveAs()
{
    const QString fileName =
        QFileDialog::getSaveFileName(this, tr("Save session as scenario"),
                                     QStringLiteral("session.tcplab"), tr("Scenarios (*.tcplab)"));
    if (fileName.isEmpty())
        return;
    QString error;
    if (!saveSession(fileName, &error))
        QMessageBox::warning(this, tr("Save session"), error);
    else
        Q_EMIT statusMessage(tr("Saved %1").arg(fileName));
}

bool InteractiveLabPanel::maybeSave()
{
    if (!hasUnsavedSession())
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved session"),
        tr("The interactive session has %n step(s) that are not saved. Save them as a scenario?",
           nullptr, int(m_steps.size())),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save) {
        saveAs();
        return !hasUnsavedSession();
    }
    m_saved = true;
    return true;
}

void InteractiveLabPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
