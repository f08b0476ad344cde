#pragma once
// The interactive lab on the real kernel: `tcplab-labd interactive`, one step line per
// command on its stdin, the trace streamed back as the kernel acts.

#include "ui/lab/labsession.h"

#include "trace/message.h"

#include <QStringList>

class LabdProcess;

class LiveLabSession : public LabSession {
    Q_OBJECT

public:
    explicit LiveLabSession(QObject *parent = nullptr);
    ~LiveLabSession() override;

    void start() override;
    void send(const QString &line) override;
    bool isLive() const override { return true; }
    bool canHold() const override { return true; }

private:
    void reply(int line, bool ok, const QString &result, const QString &message,
               const tcplab::Message &why);

    LabdProcess *m_process;
    QStringList m_sent; // line N of the helper's stdin is m_sent[N - 1]
    QStringList m_pendingUntilReady;
    bool m_ready = false;
};
