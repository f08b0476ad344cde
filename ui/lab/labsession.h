#pragma once
// One interactive lab session: step lines in ("client close"), trace events and results out.
// The simulator and the real kernel (through tcplab-labd) implement it the same way, so the
// interactive lab panel does not care which one it drives.

#include "trace/event.h"

#include <QObject>

class LabSession : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

    virtual void start() = 0;
    // Runs one scenario step line; replied() follows, with the call's result. A call run in
    // the background ("server accept & timeout 10s") is replied to at once with no result, the
    // other endpoint stays usable, and callReturned() follows when the call returns: woken by
    // the peer, or given up at its timeout.
    virtual void send(const QString &line) = 0;
    virtual bool isLive() const = 0;
    // Whether segments can be held for the student's verdict ("hold on", "held deliver 3"):
    // the real kernel's lab holds them in its queue.
    virtual bool canHold() const { return false; }

Q_SIGNALS:
    void ready();
    void eventArrived(const tcplab::Event &event);
    void replied(const QString &line, bool ok, const QString &result, const QString &message);
    void callReturned(const QString &line, const QString &result);
    // Segment number `hold` is held on the wire, until a verdict or its delay; released: it went
    // on (its event came just before).
    void segmentHeld(int hold, const tcplab::Event &segment);
    void segmentReleased(int hold);
    void failed(const QString &message);
};
