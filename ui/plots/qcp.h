#pragma once
// The one way ui/plots includes QCustomPlot, and only from .cpp files or from headers that
// only .cpp files of ui/plots include (STYLE.md 12: it is the most expensive include).
// qcustomplot.h is written with Qt's lower-case keywords (`signals`, `slots`, `foreach`),
// which this project switches off (QT_NO_KEYWORDS, QT_NO_FOREACH): spell them out for this
// header only.

#include <QtGlobal>

#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit
#define foreach(variable, container) for (variable : container)
#include <qcustomplot.h>
#undef foreach
#undef emit
#undef slots
#undef signals
