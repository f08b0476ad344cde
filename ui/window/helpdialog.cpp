#include "ui/window/helpdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFile>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

HelpDialog::HelpDialog(const QString &title, QWidget *parent)
    : QDialog(parent)
    , m_text(new QTextBrowser(this))
{
    setWindowTitle(title);
    setAttribute(Qt::WA_DeleteOnClose);
    m_text->setOpenExternalLinks(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(buttons);
    resize(820, 640);
}

void HelpDialog::showScenarioLanguage(QWidget *parent)
{
    auto *d = new HelpDialog(tr("Scenario language"), parent);
    d->setObjectName(QStringLiteral("scenarioLanguageHelp"));
    QFile file(QStringLiteral(":/docs/scenario-language.md"));
    if (file.open(QIODevice::ReadOnly))
        d->m_text->setMarkdown(QString::fromUtf8(file.readAll()));
    d->show();
}

void HelpDialog::showShortcuts(QWidget *window)
{
    struct Row {
        QString keys, what;
    };
    std::vector<Row> rows;
    const QList<QAction *> actions = window->findChildren<QAction *>();
    for (const QAction *a : actions) {
        if (a->shortcut().isEmpty() || a->text().isEmpty())
            continue;
        QStringList keys;
        const QList<QKeySequence> shortcuts = a->shortcuts();
        for (const QKeySequence &k : shortcuts)
            keys << k.toString(QKeySequence::NativeText);
        QString what = a->text();
        what.remove(QLatin1Char('&'));
        rows.push_back({keys.join(QStringLiteral(", ")), what});
    }
    // The Lessons panel's buttons (their shortcuts are the buttons' own, not actions).
    rows.push_back({QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText),
                    tr("Lessons: run the step (Return in the reason field, too)")});
    rows.push_back({QKeySequence(Qt::CTRL | Qt::Key_PageDown).toString(QKeySequence::NativeText),
                    tr("Lessons: next step")});
    rows.push_back({QKeySequence(Qt::CTRL | Qt::Key_PageUp).toString(QKeySequence::NativeText),
                    tr("Lessons: previous step")});
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return a.what < b.what; });
    QString html = QStringLiteral("<table cellpadding='4'>");
    for (const Row &r : rows)
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(r.keys.toHtmlEscaped(), r.what.toHtmlEscaped());
    html += QStringLiteral("</table>");
    auto *d = new HelpDialog(tr("Keyboard shortcuts"), window);
    d->setObjectName(QStringLiteral("shortcutsHelp"));
    d->m_text->setHtml(html);
    d->resize(560, 640);
    d->show();
}
