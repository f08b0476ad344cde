#pragma once
// One colour per TCP state for the timeline bands: the opening states warm, ESTABLISHED green,
// the active close purple, the passive close teal, TIME_WAIT a strong amber so that the long
// 2MSL band stands out.

#include <QColor>
#include <QString>

QColor stateColor(const QString &state);
