#pragma once
// The question of a lesson step, asked before its run: the options (or, for a click-state
// question, the state clicked in the graph or picked from a list), and the student's reason.
// Once the run has answered it, the box shows which option was right.

#include "lesson/lesson.h"

#include <QGroupBox>

class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QVBoxLayout;

class QuestionBox : public QGroupBox {
    Q_OBJECT

public:
    explicit QuestionBox(QWidget *parent = nullptr);

    // Shows q in lang ("en", "zh_CN"); nullptr hides the box.
    void setQuestion(const lesson::Question *q, const QString &lang);
    void setLanguage(const QString &lang); // the same question, in another language

    QString choice() const; // the option's value or the state's name; "" before one is chosen
    QString reason() const;
    bool complete() const;  // an answer and a reason
    // Restores a saved prediction (a lesson opened again).
    void setChoice(const QString &value, const QString &reason);
    // A state clicked in the state graph answers a click-state question.
    void stateClicked(const QString &state);
    // After the run: locks the box and marks the right option (and the chosen one if wrong).
    void reveal(const QString &correct);
    void unlock();

Q_SIGNALS:
    void changed();      // the choice or the reason changed
    void optionChosen(); // an option was clicked: the reason is next
    void submitted();    // Return in the reason: run the step

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void retranslate();

    const lesson::Question *m_question = nullptr;
    QString m_lang = QStringLiteral("en");
    QString m_correct;
    QLabel *m_ask;
    QVBoxLayout *m_options;
    QButtonGroup *m_group;
    QLabel *m_clickHint;
    QComboBox *m_states;
    QLabel *m_reasonLabel;
    QLineEdit *m_reason;
};
