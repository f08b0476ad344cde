#pragma once
// What a student has done in each lesson, kept between launches (AppSettings): the step they are
// on, how many steps they have finished, and for each question their prediction, their reason
// and whether the run bore it out. Lessons are keyed by number (`lesson: N`).

#include <QString>

class LessonProgress {
public:
    struct Answer {
        QString choice; // the option's value, the state clicked, the segment's event index
        QString reason;
        bool correct = false;
        bool given = false;
    };

    int currentStep(int lesson) const;    // 0 when never opened
    int finishedSteps(int lesson) const;  // steps gone through (run, answered, read)
    int lastLesson() const;               // the lesson open when the app closed; 1 at first
    Answer answer(int lesson, int step) const;

    void setCurrentStep(int lesson, int step);
    void markFinished(int lesson, int stepsDone); // keeps the highest count
    void setLastLesson(int lesson);
    void setAnswer(int lesson, int step, const Answer &answer);
    void reset(int lesson); // start the lesson over
};
