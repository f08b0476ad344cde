#include "ui/lessons/questionbox.h"

#include "model/statemeanings.h"
#include "tcp/state.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QComboBox>
#include <QEvent>
#include <QLabel>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPointer>
#include <QRadioButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace {
QString text(const lesson::Text &t, const QString &lang)
{
    return QString::fromStdString(t.in(lang.toStdString()));
}

// An option's text beside its radio button: it wraps to the panel's width (a radio button's own
// text does not), and a click on it chooses the option as a click on the button would.
class OptionLabel : public QLabel {
public:
    OptionLabel(QAbstractButton *button, QWidget *parent)
        : QLabel(parent)
        , m_button(button)
    {
        setWordWrap(true);
        setTextFormat(Qt::PlainText);
        setCursor(Qt::PointingHandCursor);
    }

protected:
    void mouseReleaseEvent(QMouseEvent *event) override
    {
        if (m_button && m_button->isEnabled())
            m_button->click();
        QLabel::mouseReleaseEvent(event);
    }

private:
    QPointer<QAbstractButton> m_button;
};
} // namespace

QuestionBox::QuestionBox(QWidget *parent)
    : QGroupBox(parent)
    , m_ask(new QLabel(this))
    , m_options(new QVBoxLayout)
    , m_group(new QButtonGroup(this))
    , m_clickHint(new QLabel(this))
    , m_states(new QComboBox(this))
    , m_reasonLabel(new QLabel(this))
    , m_reason(new QLineEdit(this))
{
    setObjectName(QStringLiteral("lessonQuestion"));
    m_ask->setWordWrap(true);
    m_ask->setTextFormat(Qt::MarkdownText);
    m_clickHint->setWordWrap(true);
    m_states->setObjectName(QStringLiteral("lessonStatePicker"));
    m_reason->setObjectName(QStringLiteral("lessonReason"));
    m_reasonLabel->setBuddy(m_reason);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_ask);
    layout->addLayout(m_options);
    layout->addWidget(m_clickHint);
    layout->addWidget(m_states);
    layout->addWidget(m_reasonLabel);
    layout->addWidget(m_reason);
    connect(m_group, &QButtonGroup::idClicked, this, &QuestionBox::changed);
    connect(m_group, &QButtonGroup::idClicked, this, [this] {
        Q_EMIT optionChosen();
        if (m_reason->text().isEmpty())
            m_reason->setFocus();
    });
    connect(m_reason, &QLineEdit::textChanged, this, &QuestionBox::changed);
    connect(m_reason, &QLineEdit::returnPressed, this, &QuestionBox::submitted);
    connect(m_states, &QComboBox::currentIndexChanged, this, &QuestionBox::changed);
    retranslate();
    hide();
}

void QuestionBox::setQuestion(const lesson::Question *q, const QString &lang)
{
    m_question = q;
    m_lang = lang;
    m_correct.clear();
    m_reason->clear();
    setVisible(q != nullptr);
    rebuild();
    unlock();
}

void QuestionBox::setLanguage(const QString &lang)
{
    const QString chosen = choice();
    m_lang = lang;
    rebuild();
    if (!chosen.isEmpty())
        setChoice(chosen, reason());
    if (!m_correct.isEmpty())
        reveal(m_correct);
}

void QuestionBox::rebuild()
{
    const QList<QAbstractButton *> old = m_group->buttons();
    for (QAbstractButton *b : old)
        m_group->removeButton(b);
    while (QLayoutItem *item = m_options->takeAt(0)) {
        if (QLayout *row = item->layout()) {
            while (QLayoutItem *w = row->takeAt(0)) {
                delete w->widget();
                delete w;
            }
        }
        delete item;
    }
    m_states->clear();
    if (!m_question)
        return;
    m_ask->setText(text(m_question->ask, m_lang));
    const bool clickState = m_question->kind == lesson::QuestionKind::ClickState;
    m_clickHint->setVisible(clickState);
    m_states->setVisible(clickState);
    if (clickState) {
        m_states->addItem(QString()); // nothing chosen yet
        for (int i = 0; i < tcp::kStateCount; ++i) {
            const auto s = static_cast<tcp::State>(i);
            m_states->addItem(StateMeanings::name(s), QString::fromUtf8(tcp::stateName(s)));
        }
        return;
    }
    int id = 0;
    for (const lesson::Option &o : m_question->options) {
        auto *b = new QRadioButton(this);
        b->setProperty("value", QString::fromStdString(o.value));
        b->setObjectName(QStringLiteral("lessonOption%1").arg(id));
        auto *label = new OptionLabel(b, this);
        label->setObjectName(QStringLiteral("lessonOptionText%1").arg(id));
        label->setText(text(o.text, m_lang));
        b->setAccessibleName(label->text());
        m_group->addButton(b, id++);
        auto *row = new QHBoxLayout;
        row->addWidget(b, 0, Qt::AlignTop);
        row->addWidget(label, 1);
        m_options->addLayout(row);
    }
    // Tab from the options goes on to the reason, whatever order the widgets were made in.
    if (!m_group->buttons().isEmpty())
        setTabOrder(m_group->buttons().last(), m_reason);
}

QString QuestionBox::choice() const
{
    if (!m_question)
        return {};
    if (m_question->kind == lesson::QuestionKind::ClickState)
        return m_states->currentData().toString();
    const QAbstractButton *b = m_group->checkedButton();
    return b ? b->property("value").toString() : QString();
}

QString QuestionBox::reason() const
{
    return m_reason->text().trimmed();
}

bool QuestionBox::complete() const
{
    return !choice().isEmpty() && !reason().isEmpty();
}

void QuestionBox::setChoice(const QString &value, const QString &reason)
{
    m_reason->setText(reason);
    if (m_question && m_question->kind == lesson::QuestionKind::ClickState) {
        stateClicked(value);
        return;
    }
    const QList<QAbstractButton *> buttons = m_group->buttons();
    for (QAbstractButton *b : buttons)
        b->setChecked(b->property("value").toString() == value);
}

void QuestionBox::stateClicked(const QString &state)
{
    if (!m_question || m_question->kind != lesson::QuestionKind::ClickState || !isEnabled())
        return;
    const int i = m_states->findData(state);
    if (i >= 0)
        m_states->setCurrentIndex(i);
}

void QuestionBox::reveal(const QString &correct)
{
    m_correct = correct;
    setEnabled(false);
    const QString chosen = choice();
    // The labels follow the buttons in the layout, one row each, in the group's order.
    for (int i = 0; i < m_options->count(); ++i) {
        QLayout *row = m_options->itemAt(i)->layout();
        auto *b = row ? qobject_cast<QAbstractButton *>(row->itemAt(0)->widget()) : nullptr;
        auto *label = row ? qobject_cast<QLabel *>(row->itemAt(1)->widget()) : nullptr;
        if (!b || !label)
            continue;
        const QString value = b->property("value").toString();
        QString shown = label->text();
        shown.remove(QRegularExpression(QStringLiteral("^[✔✘] ")));
        if (value == correct)
            shown = QStringLiteral("✔ ") + shown;
        else if (value == chosen)
            shown = QStringLiteral("✘ ") + shown;
        label->setText(shown);
        // Right in green, a wrong choice in red: readable when the box is disabled.
        label->setStyleSheet(value == correct   ? QStringLiteral("color: #1b7a1b; font-weight: bold;")
                             : value == chosen ? QStringLiteral("color: #b3261e;")
                                               : QString());
    }
}

void QuestionBox::unlock()
{
    setEnabled(true);
}

void QuestionBox::retranslate()
{
    setTitle(tr("Predict before you run"));
    m_clickHint->setText(tr("Click the state in the state graph, or pick it here:"));
    m_reasonLabel->setText(tr("Your &reason:"));
    m_reason->setPlaceholderText(tr("Why do you think so? (one sentence)"));
}

void QuestionBox::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QGroupBox::changeEvent(event);
}
