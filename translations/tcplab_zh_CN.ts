<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackoffPlot</name>
    <message>
        <source>%1 → %2 %3 seq=%4</source>
        <translation>%1 → %2 %3 seq=%4</translation>
    </message>
    <message>
        <source>Retransmission back-off</source>
        <translation>重传退避</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Interval before the retry</source>
        <translation>重试前的间隔</translation>
    </message>
    <message>
        <source>No segment was retransmitted in this run.</source>
        <translation>本次运行中没有报文段被重传。</translation>
    </message>
    <message>
        <source>%1: ideal doubling</source>
        <translation>%1：理想倍增</translation>
    </message>
    <message>
        <source>%1: measured</source>
        <translation>%1：实测</translation>
    </message>
    <message>
        <source>retry %1 sent at %2, %3 after the previous send (ideal doubling: %4)</source>
        <translation>第 %1 次重试发送于 %2，距上次发送 %3（理想倍增：%4）</translation>
    </message>
</context>
<context>
    <name>CounterfactualText</name>
    <message>
        <source>two-way handshake</source>
        <translation>两次握手</translation>
    </message>
    <message>
        <source>no TIME_WAIT</source>
        <translation>没有 TIME_WAIT</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>DiagramExporter</name>
    <message>
        <source>%1: unknown format (use .png, .svg or .pdf)</source>
        <translation>%1：未知格式（请使用 .png、.svg 或 .pdf）</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Exported by TCP Lab</source>
        <translation>由 TCP 实验室导出</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Cannot draw %1</source>
        <translation>无法绘制 %1</translation>
    </message>
    <message>
        <source>%1: only a PDF has pages</source>
        <translation>%1：只有 PDF 才有分页</translation>
    </message>
    <message>
        <source>the picture would be %1 pixels tall (%2 events), too tall to open: export a time range (--from, --to), pages of a PDF (--pages), or give a --height to scale it to</source>
        <translation>图片将有 %1 像素高（%2 个事件），太高而无法打开：请导出一个时间范围（--from、--to）、分页的 PDF（--pages），或给出 --height 以缩放到该高度</translation>
    </message>
    <message>
        <source>Export of %1 cancelled</source>
        <translation>已取消导出 %1</translation>
    </message>
</context>
<context>
    <name>EventText</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation>%1 微秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>call</source>
        <translation>调用</translation>
    </message>
    <message>
        <source>segment</source>
        <translation>报文段</translation>
    </message>
    <message>
        <source>state</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>timer</source>
        <translation>定时器</translation>
    </message>
    <message>
        <source>note</source>
        <translation>注释</translation>
    </message>
    <message>
        <source>2MSL</source>
        <translation>2MSL</translation>
    </message>
    <message>
        <source>RTO</source>
        <translation>RTO（重传超时）</translation>
    </message>
    <message>
        <source>FIN_WAIT_2 timeout</source>
        <translation>FIN_WAIT_2 超时</translation>
    </message>
    <message>
        <source>delayed ACK</source>
        <translation>延迟 ACK</translation>
    </message>
    <message>
        <source>armed</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>fired</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>[retransmission]</source>
        <translation>[重传]</translation>
    </message>
    <message>
        <source>DROPPED</source>
        <translation>已丢弃</translation>
    </message>
    <message>
        <source>(arrives %1)</source>
        <translation>（%1 到达）</translation>
    </message>
    <message>
        <source>(returned %1)</source>
        <translation>（%1 返回）</translation>
    </message>
    <message>
        <source>(expires %1)</source>
        <translation>（%1 到期）</translation>
    </message>
    <message>
        <source>rcv ACK</source>
        <translation>收到 ACK</translation>
    </message>
    <message>
        <source>rcv RST</source>
        <translation>收到 RST</translation>
    </message>
    <message>
        <source>rcv SYN+ACK</source>
        <translation>收到 SYN+ACK</translation>
    </message>
    <message>
        <source>rcv FIN+ACK / snd ACK</source>
        <translation>收到 FIN+ACK / 发送 ACK</translation>
    </message>
    <message>
        <source>abort</source>
        <translation>abort</translation>
    </message>
    <message>
        <source>abort / snd RST</source>
        <translation>abort / 发送 RST</translation>
    </message>
    <message>
        <source>shutdown</source>
        <translation>shutdown</translation>
    </message>
    <message>
        <source>shutdown / snd FIN</source>
        <translation>shutdown / 发送 FIN</translation>
    </message>
    <message>
        <source>exit / snd FIN</source>
        <translation>进程退出 / 发送 FIN</translation>
    </message>
    <message>
        <source>close / snd RST (unread data)</source>
        <translation>close / 发送 RST（有未读数据）</translation>
    </message>
    <message>
        <source>exit / snd RST (unread data)</source>
        <translation>进程退出 / 发送 RST（有未读数据）</translation>
    </message>
    <message>
        <source>rcv data after close / snd RST</source>
        <translation>close 之后收到数据 / 发送 RST</translation>
    </message>
    <message>
        <source>FIN_WAIT_2 timeout (Linux tcp_fin_timeout)</source>
        <translation>FIN_WAIT_2 超时（Linux tcp_fin_timeout）</translation>
    </message>
    <message>
        <source>retransmission limit (ETIMEDOUT)</source>
        <translation>重传次数用尽（ETIMEDOUT）</translation>
    </message>
    <message>
        <source>SYN+ACK retries exhausted</source>
        <translation>SYN+ACK 重传次数用尽</translation>
    </message>
    <message>
        <source>open when the watch started</source>
        <translation>观察开始时已打开</translation>
    </message>
    <message>
        <source>DROPPED (held until %1)</source>
        <translation>已丢弃（扣住至 %1）</translation>
    </message>
    <message>
        <source>(held, released %1)</source>
        <translation>（扣住，%1 放行）</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Sequence diagram</source>
        <translation>时序图</translation>
    </message>
    <message>
        <source>State graph</source>
        <translation>状态转换图</translation>
    </message>
    <message>
        <source>PNG (image)</source>
        <translation>PNG（图片）</translation>
    </message>
    <message>
        <source>SVG (vector)</source>
        <translation>SVG（矢量图）</translation>
    </message>
    <message>
        <source>PDF (vector)</source>
        <translation>PDF（矢量图）</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>as tall as needed</source>
        <translation>按需要的高度</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <source>Whole run (as tcplab-cli export)</source>
        <translation>整个运行过程（与 tcplab-cli export 相同）</translation>
    </message>
    <message>
        <source>Every event, with no playhead and no fading: the file tcplab-cli export writes for this view and size.</source>
        <translation>全部事件，没有播放位置线，也不淡化：与 tcplab-cli export 为这个视图和尺寸写出的文件相同。</translation>
    </message>
    <message>
        <source>As on screen, up to the playhead (step-by-step slides)</source>
        <translation>与屏幕相同，到播放位置为止（用于逐步讲解的幻灯片）</translation>
    </message>
    <message>
        <source>The view's options, the playhead and the events after it faded, as the window shows them now.</source>
        <translation>视图的选项、播放位置线以及淡化显示的其后事件，与窗口现在显示的一样。</translation>
    </message>
    <message>
        <source>&amp;View:</source>
        <translation>视图(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>尺寸(&amp;S)：</translation>
    </message>
    <message>
        <source>Width × height:</source>
        <translation>宽 × 高：</translation>
    </message>
    <message>
        <source>Content:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>16:9 slide 1920×1080</source>
        <translation>16:9 幻灯片 1920×1080</translation>
    </message>
    <message>
        <source>16:9 slide 1280×720</source>
        <translation>16:9 幻灯片 1280×720</translation>
    </message>
    <message>
        <source>4:3 slide 1024×768</source>
        <translation>4:3 幻灯片 1024×768</translation>
    </message>
    <message>
        <source>A4 landscape 842×595 pt (for PDF)</source>
        <translation>A4 横向 842×595 点（用于 PDF）</translation>
    </message>
    <message>
        <source>Width of the window (%1 px)</source>
        <translation>窗口宽度（%1 像素）</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>pt</source>
        <translation>点</translation>
    </message>
    <message>
        <source>px</source>
        <translation>像素</translation>
    </message>
    <message>
        <source>%1 %2 wide, as tall as the diagram needs.</source>
        <translation>宽 %1 %2，高度按图的需要。</translation>
    </message>
    <message>
        <source>The page is exactly %1×%2 pt: the diagram is scaled to fit it, keeping its proportions.</source>
        <translation>页面正好是 %1×%2 点：图按原有比例缩放以适应这个尺寸。</translation>
    </message>
    <message>
        <source>The image is exactly %1×%2 px: the diagram is scaled to fit it, keeping its proportions.</source>
        <translation>图像正好是 %1×%2 像素：图按原有比例缩放以适应这个尺寸。</translation>
    </message>
    <message>
        <source>Cut into pages of this size (PDF of a whole run)</source>
        <translation>按此尺寸分页（整个运行的 PDF）</translation>
    </message>
    <message>
        <source>A run too long for one page: as many pages as it needs, each with the lifelines' heads on top, instead of one page scaled to fit.</source>
        <translation>运行太长、一页放不下时：需要几页就分几页，每页顶部都有生命线的标题，而不是把整张图缩小到一页。</translation>
    </message>
    <message>
        <source>Pages of %1×%2 pt (A4 landscape where no height is given), as many as the run needs, each with the lifelines' heads on top.</source>
        <translation>每页 %1×%2 pt（未给高度时为 A4 横向），运行需要几页就分几页，每页顶部都有生命线的标题。</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Scenario language</source>
        <translation>场景语言</translation>
    </message>
    <message>
        <source>Lessons: run the step (Return in the reason field, too)</source>
        <translation>课程：运行这一步（在理由框中按回车也可以）</translation>
    </message>
    <message>
        <source>Lessons: next step</source>
        <translation>课程：下一步</translation>
    </message>
    <message>
        <source>Lessons: previous step</source>
        <translation>课程：上一步</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>InteractiveLabPanel</name>
    <message>
        <source>Run on:</source>
        <translation>运行于：</translation>
    </message>
    <message>
        <source>Simulator</source>
        <translation>模拟器</translation>
    </message>
    <message>
        <source>Real kernel (tcplab-labd)</source>
        <translation>真实内核（tcplab-labd）</translation>
    </message>
    <message>
        <source>New session</source>
        <translation>新会话</translation>
    </message>
    <message>
        <source>Start again with two fresh sockets</source>
        <translation>用两个新的套接字重新开始</translation>
    </message>
    <message>
        <source>Save session as scenario…</source>
        <translation>将会话保存为场景…</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>listen</source>
        <translation>listen</translation>
    </message>
    <message>
        <source>connect</source>
        <translation>connect</translation>
    </message>
    <message>
        <source>accept</source>
        <translation>accept</translation>
    </message>
    <message>
        <source>send</source>
        <translation>send</translation>
    </message>
    <message>
        <source>recv</source>
        <translation>recv</translation>
    </message>
    <message>
        <source>shutdown</source>
        <translation>shutdown</translation>
    </message>
    <message>
        <source>close</source>
        <translation>close</translation>
    </message>
    <message>
        <source>abort</source>
        <translation>abort</translation>
    </message>
    <message>
        <source>kill process</source>
        <translation>杀死进程</translation>
    </message>
    <message>
        <source>listen(): passive open, CLOSED → LISTEN</source>
        <translation>listen()：被动打开，CLOSED → LISTEN</translation>
    </message>
    <message>
        <source>send(N bytes)</source>
        <translation>send(N 字节)</translation>
    </message>
    <message>
        <source>shutdown(SHUT_WR): sends FIN, can still receive</source>
        <translation>shutdown(SHUT_WR)：发送 FIN，仍可接收数据</translation>
    </message>
    <message>
        <source>close(): sends FIN (RST if unread data is left)</source>
        <translation>close()：发送 FIN（若还有未读数据则发送 RST）</translation>
    </message>
    <message>
        <source>abort: SO_LINGER 0 then close(): sends RST</source>
        <translation>abort：设置 SO_LINGER 为 0 后 close()，发送 RST</translation>
    </message>
    <message>
        <source>The process is killed (Ctrl+C): the kernel closes the socket for it</source>
        <translation>进程被杀死（Ctrl+C）：内核替它关闭套接字</translation>
    </message>
    <message>
        <source>Last result: —</source>
        <translation>上次结果：—</translation>
    </message>
    <message>
        <source>Press a button to start a session.</source>
        <translation>按任意按钮开始会话。</translation>
    </message>
    <message>
        <source>Interactive session</source>
        <translation>交互式会话</translation>
    </message>
    <message>
        <source>Real kernel ready: sockets on 127.0.0.1 in a private network namespace.</source>
        <translation>真实内核已就绪：套接字位于私有网络命名空间中的 127.0.0.1。</translation>
    </message>
    <message>
        <source>Simulator ready.</source>
        <translation>模拟器已就绪。</translation>
    </message>
    <message>
        <source>Starting the live lab helper…</source>
        <translation>正在启动真实实验辅助程序…</translation>
    </message>
    <message>
        <source>Starting the simulator…</source>
        <translation>正在启动模拟器…</translation>
    </message>
    <message>
        <source>(end of file: the peer has closed)</source>
        <translation>（文件结束：对端已关闭）</translation>
    </message>
    <message>
        <source>Last result: %1</source>
        <translation>上次结果：%1</translation>
    </message>
    <message>
        <source>The simulator still works: choose "Simulator" above.</source>
        <translation>模拟器仍可使用：请在上方选择“模拟器”。</translation>
    </message>
    <message>
        <source>Interactive session of %1</source>
        <translation>%1 的交互式会话</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Save session as scenario</source>
        <translation>将会话保存为场景</translation>
    </message>
    <message>
        <source>Scenarios (*.tcplab)</source>
        <translation>场景 (*.tcplab)</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Unsaved session</source>
        <translation>未保存的会话</translation>
    </message>
    <message numerus="yes">
        <source>The interactive session has %n step(s) that are not saved. Save them as a scenario?</source>
        <translation><numerusform>交互式会话中有 %n 个步骤尚未保存。要将它们保存为场景吗？</numerusform></translation>
    </message>
    <message>
        <source>Calls pressed in the interactive lab, on the real kernel, in order.</source>
        <translation>在交互实验中按顺序执行的调用（真实内核）。</translation>
    </message>
    <message>
        <source>Calls pressed in the interactive lab, in the simulator, in order.</source>
        <translation>在交互实验中按顺序执行的调用（模拟器）。</translation>
    </message>
    <message>
        <source>(not connected: a server reads from the socket accept() returns — press accept first)</source>
        <translation>（未连接：服务器要从 accept() 返回的套接字读取——请先按 accept）</translation>
    </message>
    <message>
        <source>(not connected yet)</source>
        <translation>（尚未连接）</translation>
    </message>
    <message>
        <source>(nobody listens on that port: the answer was RST)</source>
        <translation>（该端口无人监听：对方回复了 RST）</translation>
    </message>
    <message>
        <source>(the peer reset the connection with RST)</source>
        <translation>（对端用 RST 重置了连接）</translation>
    </message>
    <message>
        <source>(the connection is gone: this side shut down, or the peer closed or reset it)</source>
        <translation>（连接已不存在：本端已关闭发送，或对端已关闭或重置连接）</translation>
    </message>
    <message>
        <source>(no answer: the retransmissions ran out)</source>
        <translation>（没有应答：重传次数已用完）</translation>
    </message>
    <message>
        <source>Session ended: the views show another run. Press a call to start a new session.</source>
        <translation>会话已结束：视图正在显示另一次运行。按任意调用按钮即可开始新的会话。</translation>
    </message>
    <message>
        <source>(nothing happened before the call's timeout)</source>
        <translation>（在调用超时之前没有任何结果）</translation>
    </message>
    <message>
        <source>(still connecting at the call's timeout: the kernel keeps retrying the SYN)</source>
        <translation>（调用超时时仍在连接：内核会继续重传 SYN）</translation>
    </message>
    <message>
        <source>connect(): active open, sends SYN; blocks until the handshake completes (up to 10 s)</source>
        <translation>connect()：主动打开，发送 SYN；阻塞到握手完成（最多 10 秒）</translation>
    </message>
    <message>
        <source>accept(): takes an established connection; blocks until a client connects (up to 10 s)</source>
        <translation>accept()：取出一个已建立的连接；阻塞到有客户端连上（最多 10 秒）</translation>
    </message>
    <message>
        <source>recv(): returns bytes, or 0 once the peer's FIN has arrived; blocks until one of them comes (up to 10 s)</source>
        <translation>recv()：返回读到的字节数；对端的 FIN 到达后返回 0；阻塞到二者之一到来（最多 10 秒）</translation>
    </message>
    <message>
        <source>accept() … blocked: waiting for a client to connect (up to 10 s)</source>
        <translation>accept() … 阻塞中：等待客户端连接（最多 10 秒）</translation>
    </message>
    <message>
        <source>connect() … blocked: waiting for the handshake (up to 10 s)</source>
        <translation>connect() … 阻塞中：等待握手完成（最多 10 秒）</translation>
    </message>
    <message>
        <source>recv() … blocked: waiting for data or the peer's FIN (up to 10 s)</source>
        <translation>recv() … 阻塞中：等待数据或对端的 FIN（最多 10 秒）</translation>
    </message>
    <message>
        <source>On the wire</source>
        <translation>线路上</translation>
    </message>
    <message>
        <source>Hold every segment</source>
        <translation>扣住每个报文段</translation>
    </message>
    <message>
        <source>Each segment the kernel sends waits on the wire, in the lab's queue, until you decide what becomes of it: the sender's state is already the new one, the receiver's not yet (Ctrl+Shift+H)</source>
        <translation>内核发出的每个报文段都停在线路上（实验的队列中），由你决定它的去向：此时发送方已处于新状态，接收方还没有（Ctrl+Shift+H）</translation>
    </message>
    <message>
        <source>Deliver (F5)</source>
        <translation>送达（F5）</translation>
    </message>
    <message>
        <source>The held segment goes on to its receiver now</source>
        <translation>把扣住的报文段立即送给接收方</translation>
    </message>
    <message>
        <source>Drop (F6)</source>
        <translation>丢弃（F6）</translation>
    </message>
    <message>
        <source>The held segment is lost: its sender's TCP will retransmit it</source>
        <translation>扣住的报文段丢失：发送方的 TCP 会重传它</translation>
    </message>
    <message>
        <source>Delay 1 s (F7)</source>
        <translation>延迟 1 秒（F7）</translation>
    </message>
    <message>
        <source>The held segment goes on one second from now; later segments may overtake it</source>
        <translation>扣住的报文段在 1 秒后送出；之后的报文段可能超过它</translation>
    </message>
    <message>
        <source>Deliver twice (F8)</source>
        <translation>送达两次（F8）</translation>
    </message>
    <message>
        <source>The held segment goes on, then a copy of it, as a network that duplicates</source>
        <translation>扣住的报文段送出后再送一个副本，就像一个会重复报文的网络</translation>
    </message>
    <message>
        <source>Holding every segment: each waits on the wire for your verdict.</source>
        <translation>正在扣住每个报文段：每个都在线路上等待你的决定。</translation>
    </message>
    <message>
        <source>Segments go on their way again.</source>
        <translation>报文段重新直接送出。</translation>
    </message>
    <message>
        <source>#%1 held on the wire: %2 %3</source>
        <translation>#%1 被扣在线路上：%2 %3</translation>
    </message>
    <message>
        <source>Segments go straight on.</source>
        <translation>报文段直接送出。</translation>
    </message>
    <message>
        <source>Nothing is held: press a call.</source>
        <translation>没有扣住的报文段：请按一个调用。</translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s) held. Choose one, then its fate.</source>
        <translation><numerusform>扣住了 %n 个报文段。选择一个，再决定它的去向。</numerusform></translation>
    </message>
</context>
<context>
    <name>LabdLessonRun</name>
    <message>
        <source>The live lab's helper stopped (exit status %1).</source>
        <translation>实时实验的辅助程序已退出（退出状态 %1）。</translation>
    </message>
</context>
<context>
    <name>LabdProcess</name>
    <message>
        <source>The live lab helper %1 is missing: build the target tcplab-labd. The simulator still works.</source>
        <translation>找不到真实实验辅助程序 %1：请构建目标 tcplab-labd。模拟器仍可使用。</translation>
    </message>
    <message>
        <source>Unreadable output from the live lab helper: %1</source>
        <translation>无法解析真实实验辅助程序的输出：%1</translation>
    </message>
    <message>
        <source>The live lab helper stopped (exit status %1).</source>
        <translation>真实实验辅助程序已停止（退出状态 %1）。</translation>
    </message>
    <message>
        <source>Cannot start the live lab helper %1: %2</source>
        <translation>无法启动真实实验辅助程序 %1：%2</translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>%1  %2. %3</source>
        <translation>%1  %2. %3</translation>
    </message>
    <message>
        <source>No lesson is open. File &gt; Open lesson… loads one.</source>
        <translation>没有打开的课程。可通过“文件 &gt; 打开课程…”加载。</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>再运行一次</translation>
    </message>
    <message>
        <source>▶ Run</source>
        <translation>▶ 运行</translation>
    </message>
    <message>
        <source>Choose an answer and write your reason first.</source>
        <translation>请先选择一个答案，并写下你的理由。</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>*Running on the real kernel…*</source>
        <translation>*正在真实内核上运行……*</translation>
    </message>
    <message>
        <source>*Running in the simulator…*</source>
        <translation>*正在模拟器中运行……*</translation>
    </message>
    <message>
        <source>**The real kernel could not run this step:** %1

Press Run again to run it in the simulator instead.</source>
        <translation>**真实内核无法运行这一步：**%1

再按一次“运行”，改在模拟器中运行。</translation>
    </message>
    <message>
        <source>the real kernel</source>
        <translation>真实内核</translation>
    </message>
    <message>
        <source>the simulator</source>
        <translation>模拟器</translation>
    </message>
    <message>
        <source>Comparison run, on %1</source>
        <translation>对照运行（%1）</translation>
    </message>
    <message>
        <source>This step's run, on %1</source>
        <translation>本步骤的运行（%1）</translation>
    </message>
    <message>
        <source>*Watch the run in the diagrams…*</source>
        <translation>*请在图中观看这次运行……*</translation>
    </message>
    <message>
        <source>**The run gave no answer to this question:** %1</source>
        <translation>**这次运行没有给出这个问题的答案：**%1</translation>
    </message>
    <message>
        <source>### ✔ Your prediction held
The run shows **%1**.</source>
        <translation>### ✔ 你的预测正确
运行结果是 **%1**。</translation>
    </message>
    <message>
        <source>### ✘ Not this time
You predicted **%1**; the run shows **%2**. The playhead is on the event that decided it.</source>
        <translation>### ✘ 这次没有猜对
你的预测是 **%1**，运行结果是 **%2**。播放头已停在决定答案的那个事件上。</translation>
    </message>
    <message>
        <source>Lesson %1 finished. Choose another one in the list above.</source>
        <translation>第 %1 课已完成。可以在上方列表中选择其他课程。</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Show the result now</source>
        <translation>立即显示结果</translation>
    </message>
    <message>
        <source>Show the deciding event</source>
        <translation>显示决定答案的事件</translation>
    </message>
    <message>
        <source>Open in the scenario editor</source>
        <translation>在场景编辑器中打开</translation>
    </message>
    <message>
        <source>Showing:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Run the step (%1)</source>
        <translation>运行这一步（%1）</translation>
    </message>
    <message>
        <source>Lesson %1, step %2 of %3 — %4</source>
        <translation>第 %1 课，第 %2/%3 步——%4</translation>
    </message>
    <message>
        <source>**Try it:** %1</source>
        <translation>**动手试试：**%1</translation>
    </message>
</context>
<context>
    <name>LiveLabSession</name>
    <message>
        <source>The live lab helper is not running.</source>
        <translation>真实实验辅助程序没有运行。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open scenario or trace…</source>
        <translation>打开场景或跟踪记录(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;example</source>
        <translation>打开示例(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Save trace as JSON Lines…</source>
        <translation>将跟踪记录保存为 JSON Lines(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>One row per instant (instead of real time)</source>
        <translation>每个时刻一行（不按真实时间）</translation>
    </message>
    <message>
        <source>Absolute sequence numbers</source>
        <translation>绝对序号</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>重置缩放</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>回放(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About TCP Lab</source>
        <translation>关于 TCP 实验室(&amp;A)</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>State table</source>
        <translation>状态表</translation>
    </message>
    <message>
        <source>Interactive lab</source>
        <translation>交互实验</translation>
    </message>
    <message>
        <source>Scenario editor</source>
        <translation>场景编辑器</translation>
    </message>
    <message>
        <source>TCP Lab</source>
        <translation>TCP 实验室</translation>
    </message>
    <message>
        <source>%1 — TCP Lab</source>
        <translation>%1 — TCP 实验室</translation>
    </message>
    <message>
        <source>real kernel</source>
        <translation>真实内核</translation>
    </message>
    <message>
        <source>capture</source>
        <translation>抓包</translation>
    </message>
    <message>
        <source>simulator</source>
        <translation>模拟器</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>%1 has errors; nothing ran:
%2</source>
        <translation>%1 有错误，未运行任何步骤：
%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Open scenario or trace</source>
        <translation>打开场景或跟踪记录</translation>
    </message>
    <message>
        <source>Scenarios and traces (*.tcplab *.jsonl);;Scenarios (*.tcplab);;Traces (*.jsonl);;All files (*)</source>
        <translation>场景和跟踪记录 (*.tcplab *.jsonl);;场景 (*.tcplab);;跟踪记录 (*.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save trace</source>
        <translation>保存跟踪记录</translation>
    </message>
    <message>
        <source>Traces (*.jsonl)</source>
        <translation>跟踪记录 (*.jsonl)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>%1 files (*.%2)</source>
        <translation>%1 文件 (*.%2)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>About TCP Lab</source>
        <translation>关于 TCP 实验室</translation>
    </message>
    <message>
        <source>&lt;h3&gt;TCP Lab&lt;/h3&gt;&lt;p&gt;A laboratory for TCP connection set-up and tear-down: the three-way handshake, the four-way close and every state from CLOSED to TIME_WAIT, run in a simulator or on the real Linux kernel.&lt;/p&gt;&lt;p&gt;States and transitions follow RFC 9293.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;TCP 实验室&lt;/h3&gt;&lt;p&gt;一个研究 TCP 连接建立与释放的实验室：三次握手、四次挥手，以及从 CLOSED 到 TIME_WAIT 的每一个状态，可在模拟器中或真实的 Linux 内核上运行。&lt;/p&gt;&lt;p&gt;状态与状态转换遵循 RFC 9293。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Current plot as PNG…</source>
        <translation>当前图表导出为 PNG…</translation>
    </message>
    <message>
        <source>Current plot as SVG…</source>
        <translation>当前图表导出为 SVG…</translation>
    </message>
    <message>
        <source>Current plot as PDF…</source>
        <translation>当前图表导出为 PDF…</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>not TCP (counterfactual)</source>
        <translation>不是 TCP（假想）</translation>
    </message>
    <message>
        <source>%1 — not TCP (counterfactual)</source>
        <translation>%1 — 不是 TCP（假想）</translation>
    </message>
    <message>
        <source>Some lessons could not be read: %1</source>
        <translation>有些课程无法读取：%1</translation>
    </message>
    <message>
        <source>Open &amp;lesson…</source>
        <translation>打开课程(&amp;L)…</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Open lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>Lessons (*.lesson.yaml *.yaml)</source>
        <translation>课程 (*.lesson.yaml *.yaml)</translation>
    </message>
    <message>
        <source>%1 cannot be used:
%2</source>
        <translation>无法使用 %1：
%2</translation>
    </message>
    <message>
        <source>%1: lesson %2 opened.</source>
        <translation>%1：已打开第 %2 课。</translation>
    </message>
    <message>
        <source>%1 is in the scenario editor: change one thing, then run it (Ctrl+R) and save it as your own.</source>
        <translation>%1 已在场景编辑器中打开：改动一处，然后运行（Ctrl+R），并另存为你自己的场景。</translation>
    </message>
    <message>
        <source>&amp;Scenario language</source>
        <translation>场景语言(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Version %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;版本 %1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Sequence diagram…</source>
        <translation>时序图(&amp;S)…</translation>
    </message>
    <message>
        <source>State &amp;graph…</source>
        <translation>状态转换图(&amp;G)…</translation>
    </message>
    <message>
        <source>State graph beside the diagram</source>
        <translation>在时序图旁显示状态图</translation>
    </message>
    <message>
        <source>Reading %1 (%2 MB)…</source>
        <translation>正在读取 %1（%2 MB）…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Opening %1 was cancelled; the views keep the run they showed.</source>
        <translation>已取消打开 %1；各视图仍显示原来的运行。</translation>
    </message>
    <message>
        <source>An export is still being drawn.</source>
        <translation>仍有一个导出正在绘制。</translation>
    </message>
    <message>
        <source>Drawing %1…</source>
        <translation>正在绘制 %1…</translation>
    </message>
    <message>
        <source>Export of %1 cancelled; nothing was written.</source>
        <translation>已取消导出 %1；没有写入任何内容。</translation>
    </message>
    <message numerus="yes">
        <source>Preparing the views for %Ln event(s)…</source>
        <translation><numerusform>正在为 %Ln 个事件准备视图…</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln event(s).</source>
        <translation><numerusform>%1：%Ln 个事件。</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Lesson run on the real kernel: %Ln event(s).</source>
        <translation><numerusform>课程运行（真实内核）：%Ln 个事件。</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Lesson run in the simulator: %Ln event(s).</source>
        <translation><numerusform>课程运行（模拟器）：%Ln 个事件。</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1: ran in the simulator, %Ln event(s).</source>
        <translation><numerusform>%1：已在模拟器中运行，共 %Ln 个事件。</numerusform></translation>
    </message>
</context>
<context>
    <name>PlaybackToolBar</name>
    <message>
        <source>Playback</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>To start</source>
        <translation>回到开头</translation>
    </message>
    <message>
        <source>Step back</source>
        <translation>后退一步</translation>
    </message>
    <message>
        <source>Step forward</source>
        <translation>前进一步</translation>
    </message>
    <message>
        <source>To end</source>
        <translation>跳到结尾</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>减速</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>加速</translation>
    </message>
    <message>
        <source>Speed </source>
        <translation>速度 </translation>
    </message>
    <message>
        <source>1/1000 of real time</source>
        <translation>真实时间的 1/1000</translation>
    </message>
    <message>
        <source>1/100 of real time</source>
        <translation>真实时间的 1/100</translation>
    </message>
    <message>
        <source>1/10 of real time</source>
        <translation>真实时间的 1/10</translation>
    </message>
    <message>
        <source>real time</source>
        <translation>真实时间</translation>
    </message>
    <message>
        <source>10× real time</source>
        <translation>真实时间的 10 倍</translation>
    </message>
    <message>
        <source>Playback speed ([ slower, ] faster). Long idle gaps play in at most 2 s, so a 60 s TIME_WAIT does not stall playback.</source>
        <translation>回放速度（[ 减速，] 加速）。较长的空闲间隔最多播放 2 秒，因此 60 秒的 TIME_WAIT 不会让回放停顿。</translation>
    </message>
    <message>
        <source>The whole run: drag to move the playhead</source>
        <translation>整个运行过程：拖动以移动播放位置</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>event %1 of %2, %3</source>
        <translation>第 %1 个事件，共 %2 个，%3</translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation><numerusform>%Ln 个事件</numerusform></translation>
    </message>
</context>
<context>
    <name>PlotPanel</name>
    <message>
        <source>There is no plot to export.</source>
        <translation>没有可导出的图。</translation>
    </message>
    <message>
        <source>State timeline</source>
        <translation>状态时间线</translation>
    </message>
    <message>
        <source>Time–sequence</source>
        <translation>时间–序号</translation>
    </message>
    <message>
        <source>Back-off</source>
        <translation>退避</translation>
    </message>
    <message>
        <source>How long each side spent in each state</source>
        <translation>每一方在每个状态中停留的时长</translation>
    </message>
    <message>
        <source>Sequence numbers over time, both directions (Stevens/tcptrace)</source>
        <translation>序号随时间的变化，双向（Stevens/tcptrace 风格）</translation>
    </message>
    <message>
        <source>Interval before each retransmission against the ideal doubling</source>
        <translation>每次重传前的间隔与理想倍增的对比</translation>
    </message>
    <message>
        <source>&amp;Time axis:</source>
        <translation>时间轴(&amp;T)：</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>Log-like (handshake and TIME_WAIT at once)</source>
        <translation>类对数（同时显示握手和 TIME_WAIT）</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>重置视图</translation>
    </message>
    <message>
        <source>Show the whole run (R, or double-click the plot)</source>
        <translation>显示整个运行过程（R，或双击图）</translation>
    </message>
</context>
<context>
    <name>PlotView</name>
    <message>
        <source>Unknown plot "%1": use timeline, tseq or backoff.</source>
        <translation>未知的图“%1”：请使用 timeline、tseq 或 backoff。</translation>
    </message>
    <message>
        <source>The image size %1×%2 is too small.</source>
        <translation>图像尺寸 %1×%2 太小。</translation>
    </message>
    <message>
        <source>Could not render the plot as PNG.</source>
        <translation>无法将图渲染为 PNG。</translation>
    </message>
    <message>
        <source>Could not render the plot as SVG.</source>
        <translation>无法将图渲染为 SVG。</translation>
    </message>
    <message>
        <source>Could not render the plot as PDF.</source>
        <translation>无法将图渲染为 PDF。</translation>
    </message>
    <message>
        <source>Unknown image format "%1": use .png, .svg or .pdf.</source>
        <translation>未知的图像格式“%1”：请使用 .png、.svg 或 .pdf。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>QuestionBox</name>
    <message>
        <source>Predict before you run</source>
        <translation>运行之前先预测</translation>
    </message>
    <message>
        <source>Click the state in the state graph, or pick it here:</source>
        <translation>请在状态图中点击该状态，或在这里选择：</translation>
    </message>
    <message>
        <source>Your &amp;reason:</source>
        <translation>你的理由(&amp;R)：</translation>
    </message>
    <message>
        <source>Why do you think so? (one sentence)</source>
        <translation>你为什么这样认为？（一句话即可）</translation>
    </message>
</context>
<context>
    <name>RecentFiles</name>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>没有最近打开的文件</translation>
    </message>
    <message>
        <source>&amp;Clear menu</source>
        <translation>清空列表(&amp;C)</translation>
    </message>
</context>
<context>
    <name>ScenarioEditor</name>
    <message>
        <source>New scenario</source>
        <translation>新建场景</translation>
    </message>
    <message>
        <source>Open scenario…</source>
        <translation>打开场景…</translation>
    </message>
    <message>
        <source>Save scenario</source>
        <translation>保存场景</translation>
    </message>
    <message>
        <source>Save scenario as…</source>
        <translation>场景另存为…</translation>
    </message>
    <message>
        <source>Run in the simulator (Ctrl+R)</source>
        <translation>在模拟器中运行（Ctrl+R）</translation>
    </message>
    <message>
        <source>Run on the real kernel (Ctrl+Shift+R)</source>
        <translation>在真实内核上运行（Ctrl+Shift+R）</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>untitled.tcplab</source>
        <translation>未命名.tcplab</translation>
    </message>
    <message>
        <source>%1 (modified)</source>
        <translation>%1（已修改）</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>title: My experiment
mode: both

server listen
client connect
server accept
client close
wait server CLOSE_WAIT
server recv
server close
</source>
        <translation>title: 我的实验
mode: both

server listen
client connect
server accept
client close
wait server CLOSE_WAIT
server recv
server close
</translation>
    </message>
    <message>
        <source>Open scenario</source>
        <translation>打开场景</translation>
    </message>
    <message>
        <source>Scenarios (*.tcplab)</source>
        <translation>场景 (*.tcplab)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Save scenario as</source>
        <translation>场景另存为</translation>
    </message>
    <message>
        <source>Unsaved scenario</source>
        <translation>未保存的场景</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them?</source>
        <translation>%1 有未保存的修改。要保存吗？</translation>
    </message>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s) in %1: nothing ran</source>
        <translation><numerusform>%1 中有 %n 个错误：未运行任何步骤</numerusform></translation>
    </message>
    <message>
        <source>Ran %1 in the simulator: every wait and expect held.</source>
        <translation>已在模拟器中运行 %1：所有 wait 和 expect 均成立。</translation>
    </message>
    <message>
        <source>Ran %1 in the simulator: %2</source>
        <translation>已在模拟器中运行 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write a temporary copy of %1</source>
        <translation>无法写入 %1 的临时副本</translation>
    </message>
    <message>
        <source>Live run</source>
        <translation>真实运行</translation>
    </message>
    <message>
        <source>The simulator still works (Ctrl+R).</source>
        <translation>模拟器仍可使用（Ctrl+R）。</translation>
    </message>
    <message>
        <source>Ran %1 on the real kernel: every wait and expect held.</source>
        <translation>已在真实内核上运行 %1：所有 wait 和 expect 均成立。</translation>
    </message>
    <message>
        <source>Ran %1 on the real kernel: %2</source>
        <translation>已在真实内核上运行 %1：%2</translation>
    </message>
    <message>
        <source>Running %1 on the real kernel…</source>
        <translation>正在真实内核上运行 %1…</translation>
    </message>
    <message>
        <source>did not hold: %1</source>
        <translation>未成立：%1</translation>
    </message>
</context>
<context>
    <name>SequenceDiagramRenderer</name>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>segment (slope: flight time)</source>
        <translation>报文段（斜度：传输时间）</translation>
    </message>
    <message>
        <source>retransmission (dashed)</source>
        <translation>重传（虚线）</translation>
    </message>
    <message>
        <source>dropped segment</source>
        <translation>丢弃的报文段</translation>
    </message>
    <message>
        <source>timer (2MSL, RTO)</source>
        <translation>定时器（2MSL、RTO）</translation>
    </message>
    <message>
        <source>state (simulated)</source>
        <translation>状态（模拟）</translation>
    </message>
    <message>
        <source>state (kernel)</source>
        <translation>状态（内核报告）</translation>
    </message>
    <message>
        <source>state (inferred, ?)</source>
        <translation>状态（推断，?）</translation>
    </message>
    <message>
        <source>long idle gap, compressed</source>
        <translation>长时间空闲，已压缩</translation>
    </message>
    <message>
        <source>%1: %2, from %3 to %4</source>
        <translation>%1：%2，从 %3 到 %4</translation>
    </message>
    <message>
        <source>Ended: it fired.</source>
        <translation>结束：定时器超时触发。</translation>
    </message>
    <message>
        <source>Ended: restarted by a retransmitted FIN.</source>
        <translation>结束：因收到重传的 FIN 而重新计时。</translation>
    </message>
    <message>
        <source>Counterfactual run — not TCP</source>
        <translation>假想运行 — 不是 TCP</translation>
    </message>
    <message>
        <source>Counterfactual run — not TCP: %1</source>
        <translation>假想运行 — 不是 TCP：%1</translation>
    </message>
</context>
<context>
    <name>SequenceDiagramView</name>
    <message>
        <source>No events yet</source>
        <translation>还没有事件</translation>
    </message>
    <message>
        <source>#%1 %2 — held</source>
        <translation>#%1 %2 — 扣住</translation>
    </message>
</context>
<context>
    <name>SequenceScene</name>
    <message>
        <source>… %1 later (gap compressed) …</source>
        <translation>…… %1 之后（间隔已压缩）……</translation>
    </message>
    <message>
        <source>%1 (restarted)</source>
        <translation>%1（重新计时）</translation>
    </message>
    <message>
        <source>(retransmission)</source>
        <translation>（重传）</translation>
    </message>
    <message>
        <source>(dropped)</source>
        <translation>（已丢弃）</translation>
    </message>
</context>
<context>
    <name>StateGraphModel</name>
    <message>
        <source>close / delete TCB</source>
        <translation>close / 删除 TCB</translation>
    </message>
    <message>
        <source>rcv SYN / snd SYN+ACK</source>
        <translation>收到 SYN / 发送 SYN+ACK</translation>
    </message>
    <message>
        <source>send / snd SYN</source>
        <translation>send / 发送 SYN</translation>
    </message>
    <message>
        <source>rcv SYN+ACK / snd ACK</source>
        <translation>收到 SYN+ACK / 发送 ACK</translation>
    </message>
    <message>
        <source>rcv ACK of SYN</source>
        <translation>收到对 SYN 的 ACK</translation>
    </message>
    <message>
        <source>close / snd FIN</source>
        <translation>close / 发送 FIN</translation>
    </message>
    <message>
        <source>rcv FIN / snd ACK</source>
        <translation>收到 FIN / 发送 ACK</translation>
    </message>
    <message>
        <source>rcv ACK of FIN</source>
        <translation>收到对 FIN 的 ACK</translation>
    </message>
    <message>
        <source>rcv FIN+ACK of FIN / snd ACK</source>
        <translation>收到 FIN 及对 FIN 的 ACK / 发送 ACK</translation>
    </message>
    <message>
        <source>listen</source>
        <translation>listen</translation>
    </message>
    <message>
        <source>connect / snd SYN</source>
        <translation>connect / 发送 SYN</translation>
    </message>
    <message>
        <source>rcv RST (passive open)</source>
        <translation>收到 RST（被动打开）</translation>
    </message>
    <message>
        <source>2MSL timeout</source>
        <translation>2MSL 超时</translation>
    </message>
    <message>
        <source>RFC 9293 §%1</source>
        <translation>RFC 9293 §%1</translation>
    </message>
    <message>
        <source>Not in RFC 9293 Figure 5: taken in this run</source>
        <translation>不在 RFC 9293 图 5 中：本次运行中出现</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Event / action</source>
        <translation>事件 / 动作</translation>
    </message>
    <message>
        <source>Client steps</source>
        <translation>客户端步骤</translation>
    </message>
    <message>
        <source>Server steps</source>
        <translation>服务器步骤</translation>
    </message>
    <message>
        <source>Not TCP: this counterfactual protocol departs from RFC 9293 §%1 here</source>
        <translation>不是 TCP：这个假想协议在此处偏离了 RFC 9293 §%1</translation>
    </message>
    <message>
        <source>rcv SYN / snd SYN+ACK (two-way: not TCP)</source>
        <translation>收到 SYN / 发送 SYN+ACK（两次握手：不是 TCP）</translation>
    </message>
    <message>
        <source>rcv SYN+ACK (two-way: no ACK)</source>
        <translation>收到 SYN+ACK（两次握手：不发 ACK）</translation>
    </message>
    <message>
        <source>no TIME_WAIT (not TCP)</source>
        <translation>没有 TIME_WAIT（不是 TCP）</translation>
    </message>
</context>
<context>
    <name>StateGraphRenderer</name>
    <message>
        <source>client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>%1: now %2</source>
        <translation>%1：当前 %2</translation>
    </message>
    <message>
        <source>Thick lines: the path taken up to the playhead, numbered in order. Edges: RFC 9293 §3.3.2, Figure 5.</source>
        <translation>粗线：到当前播放位置为止走过的路径，按顺序编号。边：RFC 9293 §3.3.2 图 5。</translation>
    </message>
    <message>
        <source>Not TCP (counterfactual)</source>
        <translation>不是 TCP（假想）</translation>
    </message>
    <message>
        <source>Not TCP: %1 (counterfactual)</source>
        <translation>不是 TCP：%1（假想）</translation>
    </message>
    <message>
        <source>Thick lines: the path taken up to the playhead, numbered in order. Edges: RFC 9293 §3.3.2, Figure 5, except the red ones: this protocol's, not TCP's.</source>
        <translation>粗线：到当前播放位置为止走过的路径，按顺序编号。边：RFC 9293 §3.3.2 图 5；红色的边除外：它们属于这个协议，不属于 TCP。</translation>
    </message>
</context>
<context>
    <name>StateMeanings</name>
    <message>
        <source>No connection: the socket has no connection state (before connect() or listen(), or after the connection has ended).</source>
        <translation>没有连接：套接字没有任何连接状态（在 connect() 或 listen() 之前，或连接结束之后）。</translation>
    </message>
    <message>
        <source>Waiting for a connection request (SYN) from any remote peer: the server called listen().</source>
        <translation>等待来自任意远端的连接请求（SYN）：服务器已调用 listen()。</translation>
    </message>
    <message>
        <source>Sent a connection request (SYN); waiting for the matching SYN+ACK: the client called connect().</source>
        <translation>已发送连接请求（SYN），等待与之对应的 SYN+ACK：客户端已调用 connect()。</translation>
    </message>
    <message>
        <source>Received a connection request (SYN) and answered with SYN+ACK; waiting for the ACK that confirms it.</source>
        <translation>收到连接请求（SYN）并已回复 SYN+ACK，等待确认它的 ACK。</translation>
    </message>
    <message>
        <source>The connection is open and data flows both ways: the normal state of the data transfer phase.</source>
        <translation>连接已打开，数据可双向传输：数据传输阶段的正常状态。</translation>
    </message>
    <message>
        <source>This side closed first and sent its FIN; waiting for the ACK of that FIN, or for the peer's FIN.</source>
        <translation>本端先关闭并已发送 FIN，等待对该 FIN 的 ACK，或对端的 FIN。</translation>
    </message>
    <message>
        <source>Our FIN has been acknowledged; waiting for the peer's FIN. This side can still receive data.</source>
        <translation>本端的 FIN 已被确认，等待对端的 FIN。本端仍可接收数据。</translation>
    </message>
    <message>
        <source>The peer has closed (its FIN arrived; recv() returns 0); waiting for the local application to call close().</source>
        <translation>对端已关闭（它的 FIN 已到达，recv() 返回 0），等待本地应用程序调用 close()。</translation>
    </message>
    <message>
        <source>Both sides sent a FIN at the same time; waiting for the ACK of our FIN.</source>
        <translation>双方同时发送了 FIN，等待对本端 FIN 的 ACK。</translation>
    </message>
    <message>
        <source>The passive closer sent its FIN after the peer's; waiting for the last ACK, the one acknowledging that FIN.</source>
        <translation>被动关闭方在对端的 FIN 之后发送了自己的 FIN，等待最后一个 ACK，即对该 FIN 的确认。</translation>
    </message>
    <message>
        <source>Waiting 2MSL after sending the final ACK: to send that ACK again if the peer's FIN is retransmitted, and to let old duplicate segments die out before the same address and port pair is used again.</source>
        <translation>发送最后一个 ACK 后等待 2MSL：若对端重传 FIN，可再次发送该 ACK；并让旧的重复报文段在相同的地址和端口对被再次使用之前从网络中消失。</translation>
    </message>
    <message>
        <source>These meanings follow RFC 9293 §3.3.2. A state table copied widely on the web is wrong: it renames two rows of a textbook's table, so it lists "ITMED_WAIT", which is no TCP state, leaves out CLOSE_WAIT, gives TIME_WAIT CLOSE_WAIT's meaning ("the other side has initiated a release"), and spells SYN_SENT "SYN_SEND".</source>
        <translation>这些含义依据 RFC 9293 §3.3.2。网上广泛转载的一张状态表是错误的：它改错了教科书原表中的两行名称，于是列出了并不存在的 TCP 状态“ITMED_WAIT”，漏掉了 CLOSE_WAIT，又把 CLOSE_WAIT 的含义（“另一边已初始化一个释放”）安在了 TIME_WAIT 头上，还把 SYN_SENT 写成了“SYN_SEND”。</translation>
    </message>
</context>
<context>
    <name>StateTableModel</name>
    <message>
        <source>client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>The client is in %1 at the playhead.</source>
        <translation>在当前播放位置，客户端处于 %1。</translation>
    </message>
    <message>
        <source>The server is in %1 at the playhead.</source>
        <translation>在当前播放位置，服务器处于 %1。</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>Client here</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>Server here</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Client time</source>
        <translation>客户端时长</translation>
    </message>
    <message>
        <source>Server time</source>
        <translation>服务器时长</translation>
    </message>
</context>
<context>
    <name>StateTableView</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>StateTimelinePlot</name>
    <message>
        <source>reported by the kernel</source>
        <translation>由内核报告</translation>
    </message>
    <message>
        <source>inferred from the segments</source>
        <translation>根据报文段推断</translation>
    </message>
    <message>
        <source>simulated</source>
        <translation>模拟</translation>
    </message>
    <message>
        <source>State timeline</source>
        <translation>状态时间线</translation>
    </message>
    <message>
        <source>Time (log-like scale: linear up to %1, logarithmic after)</source>
        <translation>时间（类对数刻度：%1 之前为线性，之后为对数）</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Hatched bands: state inferred from the segments, not reported by the kernel</source>
        <translation>斜线色带：根据报文段推断的状态，并非内核报告</translation>
    </message>
    <message>
        <source>State timeline — no state changes in this run</source>
        <translation>状态时间线 —— 本次运行中没有状态变化</translation>
    </message>
    <message>
        <source>%1, from %2 to %3, %4</source>
        <translation>%1，从 %2 到 %3，%4</translation>
    </message>
</context>
<context>
    <name>TimeSequencePlot</name>
    <message>
        <source>data (seq to seq+len)</source>
        <translation>数据（seq 到 seq+len）</translation>
    </message>
    <message>
        <source>pure ACK</source>
        <translation>纯 ACK</translation>
    </message>
    <message>
        <source>Time–sequence graph</source>
        <translation>时间–序号图</translation>
    </message>
    <message>
        <source>%1 → %2
relative seq</source>
        <translation>%1 → %2
相对序号</translation>
    </message>
    <message>
        <source>Time (log-like scale)</source>
        <translation>时间（类对数刻度）</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>已丢弃</translation>
    </message>
    <message>
        <source>retransmission</source>
        <translation>重传</translation>
    </message>
    <message>
        <source>ACK from the other side (on arrival)</source>
        <translation>来自另一方的 ACK（到达时）</translation>
    </message>
    <message>
        <source>sent at %1</source>
        <translation>发送于 %1</translation>
    </message>
    <message>
        <source>arrived at %1</source>
        <translation>到达于 %1</translation>
    </message>
</context>
<context>
    <name>TraceLoader</name>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>TraceModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>谁</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>A laboratory for TCP connection set-up and tear-down.</source>
        <translation>一个研究 TCP 连接建立与释放的实验室。</translation>
    </message>
    <message>
        <source>A scenario (*.tcplab, run in the simulator) or a trace (*.jsonl).</source>
        <translation>场景（*.tcplab，在模拟器中运行）或跟踪记录（*.jsonl）。</translation>
    </message>
    <message>
        <source>User interface language: zh_CN or en (default: the one last chosen in the menu, else the system's).</source>
        <translation>界面语言：zh_CN 或 en（默认使用上次在菜单中选择的语言，否则跟随系统）。</translation>
    </message>
</context>
<context>
    <name>scenario</name>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
    <message>
        <source>%1 (did you mean %2?)</source>
        <translation>%1（你是不是想写 %2？）</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1；%2</translation>
    </message>
    <message>
        <source>duration %1 is out of range: a duration is at most %2 (one day)</source>
        <translation>时长 %1 超出范围：时长最多为 %2（一天）</translation>
    </message>
    <message>
        <source>duration needs a unit: 40ms, 2s</source>
        <translation>时长需要单位：40ms、2s</translation>
    </message>
    <message>
        <source>unknown unit %1 in %2; use us, ms, s or min</source>
        <translation>%2 中的单位 %1 未知；请使用 us、ms、s 或 min</translation>
    </message>
    <message>
        <source>duration %1 is not a whole number of microseconds</source>
        <translation>时长 %1 不是整数微秒</translation>
    </message>
    <message>
        <source>expected a duration such as 40ms or 2s, found %1</source>
        <translation>应为 40ms 或 2s 这样的时长，实际为 %1</translation>
    </message>
    <message>
        <source>the line is %1 bytes long; a line holds at most %2 bytes</source>
        <translation>这一行长 %1 字节；一行最多 %2 字节</translation>
    </message>
    <message>
        <source>the file goes on past line %1; a scenario holds at most %2 lines</source>
        <translation>文件超过了第 %1 行；一个场景最多 %2 行</translation>
    </message>
    <message>
        <source>a step starts with %1</source>
        <translation>步骤以 %1 开头</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation>%1 或 %2</translation>
    </message>
    <message>
        <source>unknown header %1</source>
        <translation>未知头部 %1</translation>
    </message>
    <message>
        <source>the headers are %1</source>
        <translation>头部有 %1</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 和 %2</translation>
    </message>
    <message>
        <source>"note" needs a text, e.g. note the final ACK is lost</source>
        <translation>"note" 需要文本，例如 note the final ACK is lost</translation>
    </message>
    <message>
        <source>unexpected %1</source>
        <translation>此处不应有 %1</translation>
    </message>
    <message>
        <source>unexpected %1; expected %2</source>
        <translation>此处不应有 %1；应为 %2</translation>
    </message>
    <message>
        <source>missing ":" after %1: a header reads "%2: ..."</source>
        <translation>%1 后面缺少 ":"：头部的写法是 "%2: ..."</translation>
    </message>
    <message>
        <source>%1 needs an endpoint first: client %2 or server %2</source>
        <translation>%1 前面要先写端点：client %2 或 server %2</translation>
    </message>
    <message>
        <source>unknown step %1</source>
        <translation>未知步骤 %1</translation>
    </message>
    <message>
        <source>%1 needs a text</source>
        <translation>%1 需要文本</translation>
    </message>
    <message>
        <source>%1 needs a value: sim, live or both</source>
        <translation>%1 需要一个值：sim、live 或 both</translation>
    </message>
    <message>
        <source>unknown mode %1</source>
        <translation>未知模式 %1</translation>
    </message>
    <message>
        <source>expected sim, live or both</source>
        <translation>应为 sim、live 或 both</translation>
    </message>
    <message>
        <source>%1 needs a value: on or off</source>
        <translation>%1 需要一个值：on 或 off</translation>
    </message>
    <message>
        <source>expected on or off, found %1</source>
        <translation>应为 on 或 off，实际为 %1</translation>
    </message>
    <message>
        <source>%1 needs a duration such as %2</source>
        <translation>%1 需要一个时长，例如 %2</translation>
    </message>
    <message>
        <source>%1 must be more than 0</source>
        <translation>%1 必须大于 0</translation>
    </message>
    <message>
        <source>%1 needs a value: three-way or two-way</source>
        <translation>%1 需要一个值：three-way 或 two-way</translation>
    </message>
    <message>
        <source>unknown handshake %1</source>
        <translation>未知握手方式 %1</translation>
    </message>
    <message>
        <source>expected three-way or two-way</source>
        <translation>应为 three-way 或 two-way</translation>
    </message>
    <message>
        <source>"isn:" reads isn: client 1000 server 5000</source>
        <translation>"isn:" 的写法是 isn: client 1000 server 5000</translation>
    </message>
    <message>
        <source>unknown endpoint %1</source>
        <translation>未知端点 %1</translation>
    </message>
    <message>
        <source>%1 given twice; %2</source>
        <translation>%1 出现了两次；%2</translation>
    </message>
    <message>
        <source>expected a sequence number after %1</source>
        <translation>%1 后面应为序号</translation>
    </message>
    <message>
        <source>a sequence number</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>expected client or server after %1</source>
        <translation>%1 后面应为 client 或 server</translation>
    </message>
    <message>
        <source>expected client or server</source>
        <translation>应为 client 或 server</translation>
    </message>
    <message>
        <source>expected a state after %1, e.g. ESTABLISHED</source>
        <translation>%1 后面应为状态，例如 ESTABLISHED</translation>
    </message>
    <message>
        <source>unknown state %1</source>
        <translation>未知状态 %1</translation>
    </message>
    <message>
        <source>the eleven TCP states are %1</source>
        <translation>TCP 的十一个状态是 %1</translation>
    </message>
    <message>
        <source>expected %1 from %2 to %3, found %4</source>
        <translation>应为 %2 到 %3 之间的%1，实际为 %4</translation>
    </message>
    <message>
        <source>a byte count</source>
        <translation>字节数</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>"timeout" needs a duration such as 2s</source>
        <translation>"timeout" 需要一个时长，例如 2s</translation>
    </message>
    <message>
        <source>unexpected %1; "&amp;" ends the step</source>
        <translation>此处不应有 %1；"&amp;" 是步骤的结尾</translation>
    </message>
    <message>
        <source>expected a direction such as client-&gt;server after %1</source>
        <translation>%1 后面应为方向，例如 client-&gt;server</translation>
    </message>
    <message>
        <source>expected "-&gt;" after %1: a direction is written %2</source>
        <translation>%1 后面应为 "-&gt;"：方向的写法是 %2</translation>
    </message>
    <message>
        <source>a direction joins the two endpoints: client-&gt;server or server-&gt;client</source>
        <translation>方向连接两个不同的端点：client-&gt;server 或 server-&gt;client</translation>
    </message>
    <message>
        <source>flags are SYN, FIN, RST, PSH, ACK joined by +</source>
        <translation>标志有 SYN、FIN、RST、PSH、ACK，用 + 连接</translation>
    </message>
    <message>
        <source>empty flag in %1</source>
        <translation>%1 中有空的标志</translation>
    </message>
    <message>
        <source>unknown flag %1</source>
        <translation>未知标志 %1</translation>
    </message>
    <message>
        <source>flag %1 given twice in %2</source>
        <translation>标志 %1 在 %2 中出现了两次</translation>
    </message>
    <message>
        <source>expected a call after %1: %2</source>
        <translation>%1 后面应为调用：%2</translation>
    </message>
    <message>
        <source>unknown call %1</source>
        <translation>未知调用 %1</translation>
    </message>
    <message>
        <source>the calls are %1</source>
        <translation>调用有 %1</translation>
    </message>
    <message>
        <source>"send" needs a byte count, e.g. %1 send 100</source>
        <translation>"send" 需要字节数，例如 %1 send 100</translation>
    </message>
    <message>
        <source>a byte count, "timeout" or "&amp;"</source>
        <translation>字节数、"timeout" 或 "&amp;"</translation>
    </message>
    <message>
        <source>"timeout" or "&amp;"</source>
        <translation>"timeout" 或 "&amp;"</translation>
    </message>
    <message>
        <source>"sleep" needs a duration such as 200ms</source>
        <translation>"sleep" 需要一个时长，例如 200ms</translation>
    </message>
    <message>
        <source>expected "next", "all" or a direction after %1, e.g. %2</source>
        <translation>%1 后面应为 "next"、"all" 或方向，例如 %2</translation>
    </message>
    <message>
        <source>expected "next" or a direction after %1, e.g. %2</source>
        <translation>%1 后面应为 "next" 或方向，例如 %2</translation>
    </message>
    <message>
        <source>"all" works only with drop: drop all client-&gt;server</source>
        <translation>"all" 只能与 drop 一起使用：drop all client-&gt;server</translation>
    </message>
    <message>
        <source>expected "next", "all" or a direction such as client-&gt;server after %1, found %2</source>
        <translation>%1 后面应为 "next"、"all" 或 client-&gt;server 这样的方向，实际为 %2</translation>
    </message>
    <message>
        <source>expected "next" or a direction such as client-&gt;server after %1, found %2</source>
        <translation>%1 后面应为 "next" 或 client-&gt;server 这样的方向，实际为 %2</translation>
    </message>
    <message>
        <source>expected flags such as FIN+ACK after the direction (or write %1)</source>
        <translation>方向后面应为 FIN+ACK 这样的标志（或者写 %1）</translation>
    </message>
    <message>
        <source>"nth" needs a number, e.g. nth 2</source>
        <translation>"nth" 需要一个数字，例如 nth 2</translation>
    </message>
    <message>
        <source>"delay" needs "by DURATION", e.g. %1 by 100ms</source>
        <translation>"delay" 需要 "by 时长"，例如 %1 by 100ms</translation>
    </message>
    <message>
        <source>"by" needs a duration such as 100ms</source>
        <translation>"by" 需要一个时长，例如 100ms</translation>
    </message>
    <message>
        <source>expected a state or "returned" after %1</source>
        <translation>%1 后面应为状态或 "returned"</translation>
    </message>
    <message>
        <source>"returned" needs a value: a byte count, EOF or an error name such as ECONNRESET</source>
        <translation>"returned" 需要一个值：字节数、EOF 或 ECONNRESET 这样的错误名</translation>
    </message>
    <message>
        <source>unknown value %1</source>
        <translation>未知的值 %1</translation>
    </message>
    <message>
        <source>expected a byte count, EOF or an error name such as ECONNRESET</source>
        <translation>应为字节数、EOF 或 ECONNRESET 这样的错误名</translation>
    </message>
    <message>
        <source>expected a state or "returned", found %1</source>
        <translation>应为状态或 "returned"，实际为 %1</translation>
    </message>
    <message>
        <source>expected flags such as SYN after the direction, e.g. inject client-&gt;server SYN seq 1000</source>
        <translation>方向后面应为 SYN 这样的标志，例如 inject client-&gt;server SYN seq 1000</translation>
    </message>
    <message>
        <source>unexpected %1; expected seq, ack or len</source>
        <translation>此处不应有 %1；应为 seq、ack 或 len</translation>
    </message>
    <message>
        <source>%1 needs a number, e.g. %2 1000</source>
        <translation>%1 需要一个数字，例如 %2 1000</translation>
    </message>
    <message>
        <source>"inject" needs "seq N": the segment's sequence number as on the wire</source>
        <translation>"inject" 需要 "seq N"：报文段在线路上实际携带的序号</translation>
    </message>
    <message>
        <source>%1 must come before the first step</source>
        <translation>%1 必须写在第一个步骤之前</translation>
    </message>
    <message>
        <source>%1 given twice (first on line %2)</source>
        <translation>%1 出现了两次（第一次在第 %2 行）</translation>
    </message>
    <message>
        <source>a counterfactual protocol (handshake: two-way, time-wait: off) is not TCP and runs only in the simulator: write mode: sim</source>
        <translation>假想协议（handshake: two-way、time-wait: off）不是 TCP，只能在模拟器中运行：请写 mode: sim</translation>
    </message>
    <message>
        <source>the scenario has no steps; add lines such as "client connect"</source>
        <translation>场景中没有步骤；请添加 "client connect" 这样的行</translation>
    </message>
    <message>
        <source>%1 is a header; headers go at the top of a file, not among the steps</source>
        <translation>%1 是头部；头部要写在文件开头，不能写在步骤之间</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>inject runs in the simulator only: the live lab cannot craft segments yet</source>
        <translation>inject 只能在模拟器中运行：真实实验还不能构造报文段</translation>
    </message>
    <message>
        <source>%1 has a call still in progress (%2 &amp;); collect it with `expect %1 returned ...`</source>
        <translation>%1 还有一个调用没有完成（%2 &amp;）；请用 `expect %1 returned ...` 取回它的结果</translation>
    </message>
    <message>
        <source>expected %1 %2, is %3</source>
        <translation>预期 %1 处于 %2，实际为 %3</translation>
    </message>
    <message>
        <source>%1's call (%2 &amp;) is still blocked after %3</source>
        <translation>%1 的调用（%2 &amp;）在 %3 后仍然阻塞</translation>
    </message>
    <message>
        <source>%1 has made no call yet</source>
        <translation>%1 还没有进行任何调用</translation>
    </message>
    <message>
        <source>expected %1's last call (%2) to return %3, it returned %4</source>
        <translation>预期 %1 的上一个调用（%2）返回 %3，实际返回 %4</translation>
    </message>
    <message>
        <source>%1 did not reach %2 within %3 (it is %4)</source>
        <translation>%1 在 %3 内没有进入 %2（当前为 %4）</translation>
    </message>
    <message>
        <source>a fault rule needs two different endpoints</source>
        <translation>故障规则需要两个不同的端点</translation>
    </message>
    <message>
        <source>fault: %1</source>
        <translation>故障：%1</translation>
    </message>
    <message>
        <source>injected: %1 (absolute; crafted, not sent by %2's TCP)</source>
        <translation>注入：%1（绝对序号；人工构造，并非 %2 的 TCP 发出）</translation>
    </message>
    <message>
        <source>the %1 process was killed (exit): `%2` has no process to run it</source>
        <translation>%1 进程已被杀死（exit）：没有进程来执行 `%2`</translation>
    </message>
    <message>
        <source>%1 (nftables rule in the lab's namespace)</source>
        <translation>%1（实验命名空间中的 nftables 规则）</translation>
    </message>
    <message>
        <source>TIME_WAIT lasts 60 s on Linux (TCP_TIMEWAIT_LEN); the run does not wait for it</source>
        <translation>Linux 上 TIME_WAIT 持续 60 秒（TCP_TIMEWAIT_LEN）；本次运行不等待它结束</translation>
    </message>
    <message>
        <source>did not hold: %1</source>
        <translation>未成立：%1</translation>
    </message>
    <message>
        <source>two-way handshake</source>
        <translation>两次握手</translation>
    </message>
    <message>
        <source>no TIME_WAIT</source>
        <translation>没有 TIME_WAIT</translation>
    </message>
    <message>
        <source>counterfactual: %1 — not TCP</source>
        <translation>假想：%1 — 不是 TCP</translation>
    </message>
    <message>
        <source>states polled, not held: %1</source>
        <translation>状态靠轮询读取，报文段未被扣留：%1</translation>
    </message>
    <message>
        <source>%1 (the lab's queue drops it)</source>
        <translation>%1（由实验的队列丢弃）</translation>
    </message>
    <message>
        <source>"none" works only with drop: drop none client-&gt;server</source>
        <translation>"none" 只能与 drop 一起使用：drop none client-&gt;server</translation>
    </message>
    <message>
        <source>the copy was not sent: %1</source>
        <translation>副本未能发出：%1</translation>
    </message>
    <message>
        <source>%1 needs the lab's queue, which is not set up: %2</source>
        <translation>%1 需要实验的队列，但队列未能建立：%2</translation>
    </message>
    <message>
        <source>duplicate needs a raw socket in the lab's namespace: %1</source>
        <translation>duplicate 需要实验命名空间中的原始套接字：%1</translation>
    </message>
    <message>
        <source>%1 (the lab's queue holds it)</source>
        <translation>%1（由实验的队列扣住）</translation>
    </message>
    <message>
        <source>inject needs a raw socket in the lab's namespace: %1</source>
        <translation>inject 需要实验命名空间中的原始套接字：%1</translation>
    </message>
</context>
</TS>