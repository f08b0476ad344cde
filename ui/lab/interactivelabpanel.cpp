#include "ui/lab/interactivelabpanel.h"

#include "ui/common/diagramstyle.h"
#include "ui/lab/livelabsession.h"
#include "ui/lab/simlabsession.h"

#include "model/eventtext.h"
#include "model/tracemodel.h"
#include "scenario/scenario.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QVBoxLayout>

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

    // Client left, server right, as on the sequence diagram; the log of results beside them.
    auto *sides = new QHBoxLayout;
    sides->addWidget(m_client.box);
    sides->addWidget(m_server.box);
    sides->addWidget(m_log, 1);
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
}

void InteractiveLabPanel::endSession()
{
    m_session.reset(); // a live session's helper ends with it
    m_pending.clear();
    m_blocked.clear();
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
}

void InteractiveLabPanel::setLive(bool live)
{
    m_mode->setCurrentIndex(live ? 1 : 0);
}

void InteractiveLabPanel::newSession()
{
    if (!maybeSave())
        return;
    m_steps.clear();
    m_pending.clear();
    m_blocked.clear();
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
    connect(m_session.get(), &LabSession::ready, this, [this] {
        setStatus(isLive() ? tr("Real kernel ready: sockets on 127.0.0.1 in a private network "
                                "namespace.")
                           : tr("Simulator ready."),
                  false);
    });
    setStatus(isLive() ? tr("Starting the live lab helper…") : tr("Starting the simulator…"),
              false);
    m_session->start();
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
