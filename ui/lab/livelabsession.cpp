#include "ui/lab/livelabsession.h"

#include "ui/lab/labdprocess.h"

#include "model/messagetext.h"

LiveLabSession::LiveLabSession(QObject *parent)
    : LabSession(parent)
    , m_process(new LabdProcess(this))
{
    connect(m_process, &LabdProcess::ready, this, [this] {
        m_ready = true;
        Q_EMIT ready();
        const QStringList pending = std::exchange(m_pendingUntilReady, {});
        for (const QString &line : pending)
            send(line);
    });
    connect(m_process, &LabdProcess::eventArrived, this, &LabSession::eventArrived);
    connect(m_process, &LabdProcess::replied, this, &LiveLabSession::reply);
    connect(m_process, &LabdProcess::callReturned, this, [this](int line, const QString &result) {
        Q_EMIT callReturned(m_sent.value(line - 1), result);
    });
    connect(m_process, &LabdProcess::segmentHeld, this, &LabSession::segmentHeld);
    connect(m_process, &LabdProcess::segmentReleased, this, &LabSession::segmentReleased);
    connect(m_process, &LabdProcess::failed, this, &LabSession::failed);
    connect(m_process, &LabdProcess::finished, this, [this] { m_ready = false; });
}

LiveLabSession::~LiveLabSession()
{
    m_process->stop();
}

void LiveLabSession::start()
{
    m_sent.clear();
    m_ready = false;
    m_process->start({QStringLiteral("interactive")});
}

void LiveLabSession::send(const QString &line)
{
    if (!m_process->isRunning()) {
        Q_EMIT replied(line, false, QString(), tr("The live lab helper is not running."));
        return;
    }
    if (!m_ready) {
        m_pendingUntilReady.append(line);
        return;
    }
    m_sent.append(line);
    m_process->sendLine(line);
}

void LiveLabSession::reply(int line, bool ok, const QString &result, const QString &message,
                           const tcplab::Message &why)
{
    Q_EMIT replied(m_sent.value(line - 1), ok, result,
                   why.empty() ? message : MessageText::translated(why));
}
