#pragma once
// The eleven TCP states of RFC 9293 §3.3.2 and what each one means, in words a student can
// check against the RFC. The widely copied Chinese table is wrong (it lists "ITMED_WAIT", which
// is no state, omits CLOSE_WAIT, shifts meanings by a row and spells SYN_SENT "SYN_SEND");
// correctionNote() says so where the table is shown.

#include "tcp/state.h"

#include <QCoreApplication>
#include <QString>

class StateMeanings {
    Q_DECLARE_TR_FUNCTIONS(StateMeanings)

public:
    static QString name(tcp::State s); // "SYN_RECEIVED": names are never translated
    static QString meaning(tcp::State s);
    static QString correctionNote();
};
