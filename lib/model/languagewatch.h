#pragma once
// Models are no widgets: they learn of a language switch from the application object, through
// an event filter on it. A model made on another thread (an export drawn in the background)
// cannot filter the application's events, and needs none: it is drawn once, and goes.

#include <QCoreApplication>
#include <QThread>

inline void watchLanguage(QObject *model)
{
    QCoreApplication *app = QCoreApplication::instance();
    if (app && app->thread() == QThread::currentThread())
        app->installEventFilter(model);
}
