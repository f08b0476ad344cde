#include "ui/editor/scenarioeditor.h"

#include "ui/lab/labdrun.h"
#include "ui/common/traceloader.h"

#include "model/messagetext.h"
#include "model/tracemodel.h"

#include <QAction>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QStyle>
#include <QTemporaryFile>
#include <QTextBlock>
#include <QToolBar>
#include <QVBoxLayout>
#include <algorithm>

ScenarioEditor::ScenarioEditor(TraceModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_toolBar(new QToolBar(this))
    , m_new(new QAction(style()->standardIcon(QStyle::SP_FileIcon), QString(), this))
    , m_open(new QAction(style()->standardIcon(QStyle::SP_DialogOpenButton), QString(), this))
    , m_save(new QAction(style()->standardIcon(QStyle::SP_DialogSaveButton), QString(), this))
    , m_saveAs(new QAction(this))
    , m_run(new QAction(style()->standardIcon(QStyle::SP_MediaPlay), QString(), this))
    , m_runLive(new QAction(style()->standardIcon(QStyle::SP_ComputerIcon), QString(), this))
    , m_title(new QLabel(this))
    , m_edit(new QPlainTextEdit(this))
    , m_errorList(new QListWidget(this))
{
    m_toolBar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_toolBar->setIconSize(QSize(18, 18));
    m_toolBar->addActions({m_new, m_open, m_save, m_saveAs});
    m_toolBar->addSeparator();
    m_toolBar->addActions({m_run, m_runLive});
    // The editor's own shortcuts work while it has focus.
    for (QAction *a : {m_new, m_open, m_save, m_saveAs, m_run, m_runLive})
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_run->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_runLive->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_save->setShortcut(QKeySequence::Save);
    addActions({m_new, m_open, m_save, m_saveAs, m_run, m_runLive});

    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_edit->setTabChangesFocus(false);
    m_errorList->setObjectName(QStringLiteral("scenarioErrors"));
    m_errorList->setMaximumHeight(64);
    m_errorList->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_title);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_errorList);

    connect(m_new, &QAction::triggered, this, &ScenarioEditor::newFile);
    connect(m_open, &QAction::triggered, this, &ScenarioEditor::open);
    connect(m_save, &QAction::triggered, this, &ScenarioEditor::save);
    connect(m_saveAs, &QAction::triggered, this, &ScenarioEditor::saveAs);
    connect(m_run, &QAction::triggered, this, &ScenarioEditor::runSimulator);
    connect(m_runLive, &QAction::triggered, this, &ScenarioEditor::runLive);
    connect(m_edit->document(), &QTextDocument::modificationChanged, this,
            &ScenarioEditor::updateTitle);
    connect(m_errorList, &QListWidget::itemActivated, this, &ScenarioEditor::jumpToError);
    connect(m_errorList, &QListWidget::itemClicked, this, &ScenarioEditor::jumpToError);
    retranslate();
}

QString ScenarioEditor::text() const
{
    return m_edit->toPlainText();
}

bool ScenarioEditor::isModified() const
{
    return m_edit->document()->isModified();
}

void ScenarioEditor::retranslate()
{
    m_new->setText(tr("New scenario"));
    m_open->setText(tr("Open scenario…"));
    m_save->setText(tr("Save scenario"));
    m_saveAs->setText(tr("Save scenario as…"));
    m_run->setText(tr("Run in the simulator (Ctrl+R)"));
    m_runLive->setText(tr("Run on the real kernel (Ctrl+Shift+R)"));
    m_saveAs->setIconText(tr("Save as"));
    updateTitle();
}

void ScenarioEditor::updateTitle()
{
    const QString name = m_displayName.isEmpty() ? tr("untitled.tcplab") : m_displayName;
    m_title->setText(isModified() ? tr("%1 (modified)").arg(name) : name);
}

void ScenarioEditor::setDocument(const QString &text, const QString &fileName)
{
    m_edit->setPlainText(text);
    m_edit->document()->setModified(false);
    // Embedded examples are read-only resources: saving them asks for a real file.
    m_fileName = fileName.startsWith(QLatin1Char(':')) ? QString() : fileName;
    m_displayName = QFileInfo(fileName).fileName();
    showErrors({});
    updateTitle();
}

bool ScenarioEditor::openFile(const QString &fileName, QString *error)
{
    QByteArray data;
    if (!TraceLoader::readText(fileName, data, error))
        return false;
    setDocument(QString::fromUtf8(data), fileName);
    return true;
}

bool ScenarioEditor::saveTo(const QString &fileName, QString *error)
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(text().toUtf8()) < 0 || !file.commit()) {
        *error = tr("Cannot write %1: %2").arg(fileName, file.errorString());
        return false;
    }
    m_fileName = fileName;
    m_displayName = QFileInfo(fileName).fileName();
    m_edit->document()->setModified(false);
    updateTitle();
    return true;
}

void ScenarioEditor::newFile()
{
    if (!maybeSave())
        return;
    setDocument(tr("title: My experiment\n"
                   "mode: both\n"
                   "\n"
                   "server listen\n"
                   "client connect\n"
                   "server accept\n"
                   "client close\n"
                   "wait server CLOSE_WAIT\n"
                   "server recv\n"
                   "server close\n"),
                QString());
}

void ScenarioEditor::open()
{
    if (!maybeSave())
        return;
    const QString fileName = QFileDialog::getOpenFileName(this, tr("Open scenario"), QString(),
                                                          tr("Scenarios (*.tcplab)"));
    if (fileName.isEmpty())
        return;
    QString error;
    if (!openFile(fileName, &error))
        QMessageBox::warning(this, tr("Open scenario"), error);
}

bool ScenarioEditor::save()
{
    if (m_fileName.isEmpty())
        return saveAs();
    QString error;
    if (!saveTo(m_fileName, &error)) {
        QMessageBox::warning(this, tr("Save scenario"), error);
        return false;
    }
    Q_EMIT statusMessage(tr("Saved %1").arg(m_fileName));
    return true;
}

bool ScenarioEditor::saveAs()
{
    const QString suggested =
        m_displayName.isEmpty() ? QStringLiteral("untitled.tcplab") : m_displayName;
    QString fileName = QFileDialog::getSaveFileName(this, tr("Save scenario as"), suggested,
                                                    tr("Scenarios (*.tcplab)"));
    if (fileName.isEmpty())
        return false;
    if (QFileInfo(fileName).suffix().isEmpty())
        fileName += QStringLiteral(".tcplab");
    QString error;
    if (!saveTo(fileName, &error)) {
        QMessageBox::warning(this, tr("Save scenario"), error);
        return false;
    }
    Q_EMIT statusMessage(tr("Saved %1").arg(fileName));
    return true;
}

bool ScenarioEditor::maybeSave()
{
    if (!isModified())
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved scenario"),
        tr("%1 has unsaved changes. Save them?")
            .arg(m_displayName.isEmpty() ? tr("untitled.tcplab") : m_displayName),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void ScenarioEditor::showErrors(const std::vector<scenario::ParseError> &errors)
{
    m_errors = errors;
    m_errorList->clear();
    QList<QTextEdit::ExtraSelection> marks;
    for (const scenario::ParseError &e : errors) {
        auto *item = new QListWidgetItem(tr("line %1, column %2: %3")
                                             .arg(e.line)
                                             .arg(e.column)
                                             .arg(MessageText::translated(e.what, e.message)),
                                         m_errorList);
        item->setData(Qt::UserRole, e.line);
        item->setData(Qt::UserRole + 1, e.column);
        item->setForeground(QColor(0xb0, 0x00, 0x20));
        const QTextBlock block = m_edit->document()->findBlockByNumber(e.line - 1);
        if (!block.isValid())
            continue;
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(block);
        mark.cursor.setPosition(block.position() + std::max(0, e.column - 1));
        mark.cursor.setPosition(block.position() + block.length() - 1, QTextCursor::KeepAnchor);
        if (!mark.cursor.hasSelection()) { // an error at the end of the line
            mark.cursor.setPosition(block.position());
            mark.cursor.setPosition(block.position() + block.length() - 1, QTextCursor::KeepAnchor);
        }
        mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        mark.format.setUnderlineColor(Qt::red);
        mark.format.setToolTip(MessageText::translated(e.what, e.message));
        marks.append(mark);
        QTextEdit::ExtraSelection line;
        line.cursor = QTextCursor(block);
        line.format.setProperty(QTextFormat::FullWidthSelection, true);
        line.format.setBackground(QColor(0xff, 0xeb, 0xee));
        marks.append(line);
    }
    m_edit->setExtraSelections(marks);
    m_errorList->setVisible(!errors.empty());
    if (!errors.empty()) { // show the first mistake where it is
        m_errorList->setCurrentRow(0);
        jumpToError();
    }
}

void ScenarioEditor::showRunFailure(int line, const QString &failure)
{
    // The failure without its line, which the list gives.
    showErrors({{line, 1, tr("did not hold: %1").arg(failure).toStdString(), tcplab::Message()}});
}

void ScenarioEditor::jumpToError()
{
    QListWidgetItem *item = m_errorList->currentItem();
    if (!item)
        return;
    const QTextBlock block =
        m_edit->document()->findBlockByNumber(item->data(Qt::UserRole).toInt() - 1);
    if (!block.isValid())
        return;
    QTextCursor c(block);
    c.setPosition(block.position() + std::max(0, item->data(Qt::UserRole + 1).toInt() - 1));
    m_edit->setTextCursor(c);
    m_edit->setFocus();
}

void ScenarioEditor::runSimulator()
{
    const QString name = m_displayName.isEmpty() ? tr("untitled.tcplab") : m_displayName;
    TraceLoader::Result r = TraceLoader::runScenario(text(), name);
    showErrors(r.parseErrors);
    if (!r.ok) {
        Q_EMIT statusMessage(
            tr("%n error(s) in %1: nothing ran", nullptr, int(r.parseErrors.size())).arg(name));
        return;
    }
    if (r.failedLine > 0) // marked on its line, as a syntax error is
        showRunFailure(r.failedLine, r.runFailure);
    const QString title = QString::fromStdString(r.trace.title);
    m_model->setTrace(std::move(r.trace));
    Q_EMIT traceLoaded(title);
    Q_EMIT statusMessage(r.runMessage.isEmpty()
                             ? tr("Ran %1 in the simulator: every wait and expect held.").arg(name)
                             : tr("Ran %1 in the simulator: %2").arg(name, r.runMessage));
}

void ScenarioEditor::runLive()
{
    const QString name = m_displayName.isEmpty() ? tr("untitled.tcplab") : m_displayName;
    // Check first: a file with errors never reaches the kernel.
    scenario::Scenario parsed;
    std::vector<scenario::ParseError> errors;
    scenario::parseScenario(text().toStdString(), name.toStdString(), parsed, errors);
    showErrors(errors);
    if (!errors.empty())
        return;
    // The helper reads a file: the text as it is now, saved or not.
    auto *file =
        new QTemporaryFile(QDir::temp().filePath(QStringLiteral("tcplab-XXXXXX.tcplab")), this);
    if (!file->open() || file->write(text().toUtf8()) < 0 || !file->flush()) {
        Q_EMIT statusMessage(tr("Cannot write a temporary copy of %1").arg(name));
        file->deleteLater();
        return;
    }
    if (m_live)
        m_live->deleteLater(); // a run still going ends with it, and so does its file
    m_live = new LabdRun(this);
    file->setParent(m_live);
    tcplab::Trace empty;
    empty.title = TraceLoader::titleOf(parsed, name);
    empty.producer = "live";
    m_model->setTrace(empty);
    Q_EMIT traceLoaded(QString::fromStdString(empty.title));
    connect(m_live, &LabdRun::eventArrived, m_model, &TraceModel::appendEvent);
    LabdRun *run = m_live;
    connect(run, &LabdRun::finished, this, [this, run, file, name] {
        file->deleteLater();
        const LabdRun::Result &r = run->result();
        if (!r.error.isEmpty()) {
            QMessageBox::warning(this, tr("Live run"),
                                 r.error + QStringLiteral("\n\n") +
                                     tr("The simulator still works (Ctrl+R)."));
            return;
        }
        const scenario::RunResult run{r.ok, r.line, r.message.toStdString(), r.why};
        if (!r.ok && r.line > 0) {
            showRunFailure(r.line, TraceLoader::runFailure(run));
            m_model->appendEvent(TraceLoader::failureNote(m_model->trace(), run));
        }
        Q_EMIT statusMessage(
            r.ok ? tr("Ran %1 on the real kernel: every wait and expect "
                      "held.")
                       .arg(name)
                 : tr("Ran %1 on the real kernel: %2").arg(name, TraceLoader::runMessage(run)));
    });
    Q_EMIT statusMessage(tr("Running %1 on the real kernel…").arg(name));
    m_live->start(file->fileName());
}

void ScenarioEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
