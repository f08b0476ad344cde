#include "ui/lessons/lessonprogress.h"

#include "ui/window/appsettings.h"

#include <QSettings>

namespace {
QString key(int lesson, const QString &what)
{
    return QStringLiteral("lessons/%1/%2").arg(lesson).arg(what);
}
QString answerKey(int lesson, int step, const QString &field)
{
    return key(lesson, QStringLiteral("answers/%1/%2").arg(step).arg(field));
}
} // namespace

int LessonProgress::currentStep(int lesson) const
{
    return AppSettings::open()->value(key(lesson, QStringLiteral("step")), 0).toInt();
}

int LessonProgress::finishedSteps(int lesson) const
{
    return AppSettings::open()->value(key(lesson, QStringLiteral("finished")), 0).toInt();
}

int LessonProgress::lastLesson() const
{
    return AppSettings::open()->value(QStringLiteral("lessons/last"), 1).toInt();
}

LessonProgress::Answer LessonProgress::answer(int lesson, int step) const
{
    const auto s = AppSettings::open();
    Answer a;
    a.given = s->contains(answerKey(lesson, step, QStringLiteral("choice")));
    a.choice = s->value(answerKey(lesson, step, QStringLiteral("choice"))).toString();
    a.reason = s->value(answerKey(lesson, step, QStringLiteral("reason"))).toString();
    a.correct = s->value(answerKey(lesson, step, QStringLiteral("correct")), false).toBool();
    return a;
}

void LessonProgress::setCurrentStep(int lesson, int step)
{
    AppSettings::open()->setValue(key(lesson, QStringLiteral("step")), step);
}

void LessonProgress::markFinished(int lesson, int stepsDone)
{
    if (stepsDone > finishedSteps(lesson))
        AppSettings::open()->setValue(key(lesson, QStringLiteral("finished")), stepsDone);
}

void LessonProgress::setLastLesson(int lesson)
{
    AppSettings::open()->setValue(QStringLiteral("lessons/last"), lesson);
}

void LessonProgress::setAnswer(int lesson, int step, const Answer &a)
{
    const auto s = AppSettings::open();
    s->setValue(answerKey(lesson, step, QStringLiteral("choice")), a.choice);
    s->setValue(answerKey(lesson, step, QStringLiteral("reason")), a.reason);
    s->setValue(answerKey(lesson, step, QStringLiteral("correct")), a.correct);
}

void LessonProgress::reset(int lesson)
{
    AppSettings::open()->remove(QStringLiteral("lessons/%1").arg(lesson));
}
