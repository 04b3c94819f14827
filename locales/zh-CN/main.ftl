# SSA Desktop：简体中文，即繁体中文版本的简体字写法（术语见规格第5节）。

## 各页通用
app-title = 附寄结单服务的股份独立户口
app-subtitle = 投资者核实持股纪录的另一途径
link-hkex = 香港交易所网页
language-label = 语言
lang-en = English
lang-zh-hk = 繁體
lang-zh-cn = 简体
breadcrumb-hkex = 香港交易所网页
breadcrumb-home = 股份独立户口主页
action-back = 返回
action-continue = 继续
action-submit = 递交
action-clear = 清除
action-confirm = 覆实
action-change = 更改
action-cancel = 取消
action-refresh = 更新
action-enlarge = 放大验证码
action-listen = 收听
hint-listen = “收听”以普通话读出同一验证码，并读出每个字母的大小写（例如“大写 K”）。再按“收听”可重听。
captcha-audio-label = 验证码读音
action-show-password = 显示
action-hide-password = 隐藏
loading = 请稍候…
test-build-banner = 测试版本 — 验证码固定不变，并非供投资者使用。
startup-error-title = SSA Desktop 无法开启其纪录

## 欢迎（登入前）
welcome-title = 欢迎
welcome-fact-1 = 股份独立户口能让经纪及托管商将投资者的股份与其本身及其他投资者的股份分开。
welcome-fact-2 = 买卖盘指令执行后，投资者毋须自行处理股份转移，其经纪或托管商会代投资者从其股份独立户口中存入或提取股份。
welcome-fact-3 = 由香港结算寄发的结单能为投资者提供有关其托管于经纪或托管商之股份转移的另一纪录。
login-title = 登入
field-internet-user-id = 互联网使用者编号
field-internet-password = 互联网使用者密码
action-login = 输入
login-hint-id = 长度为八位，由英文字母及／或数字组成
login-hint-password = 长度为十三至十五位，必须由英文字母及数字组成
login-help = 连续输入错误密码五次，互联网使用者编号即被锁定；可按「忘记互联网使用者密码」解锁。
link-register = 新使用者登记
link-forgot = 忘记互联网使用者密码
link-cancel-id = 取消互联网使用者编号
link-what-is-ssa = 何谓附寄结单的股份独立户口?
link-faq = 常见问题
notice-unauthorised = 禁止未经授权之进入及使用，香港交易所保留对违规者采取行动之权利。
notice-change-password = 基于网络保安理由，结算公司建议您定期更改密码。用户必须至少每90天更改密码一次，新密码不能与之前的5个密码相同，如密码已过期，系统会在登录时要求您更新。
notice-privacy = 按下「输入」键，即代表本人确认该名／该等人士同意，其个人资料（本人于此申请中所披露者）将按香港交易所网站的私隐政策声明处理。
maintenance-title = 系统维护时间表
maintenance-intro = 为不断完善对客户提供的服务，我们将根据以下时间表（香港时间）进行有关系统提升或维护。在维护期间，受影响的服务将会暂停运作。
maintenance-col-day = 系统维护日
maintenance-col-hours = 预计影响时段
maintenance-weekdays = 星期一至六及公众假期
maintenance-weekdays-hours = { $weekdayStart } 至 { $weekdayEnd }
maintenance-sunday = 星期日
maintenance-sunday-hours = { $sundayStart } 至 { $sundayEnd }
maintenance-special-title = 特别系统维护
maintenance-special-item = { $start } 至 { $end }
maintenance-next-holiday = 下一个公众假期：{ $date }，{ $name }
demo-title = 示范模式
demo-intro = 已为您开设以下示范股份独立户口，请用它登记互联网使用者编号。
demo-basic-password = 初始中央结算系统基本使用者密码
demo-ready-title = 或立即登入
demo-ready-intro = 此示范互联网使用者编号已登记，首次登入的步骤亦已完成：请在上方用它登入。
demo-basic-password-now = 现时中央结算系统基本使用者密码

## 新使用者登记
register-title = 新使用者登记
register-notes = 互联网使用者编号长度为八位，必须由英文字母(A-Z; a-z)及／或数字(0-9)组合而成。密码长度为十三至十五位，必须由英文字母及数字组合而成。
section-basic-info = 中央结算系统基本使用者编号资料
field-basic-user-id = 中央结算系统基本使用者编号
field-participant-id = 参与者编号
field-ssa-number = 股份独立户口号码
hint-basic-user-id = 八位数字
hint-participant-id = 六个位，例如 C00088
hint-ssa-number = 二个位数字
hint-from-broker = 以上三项请向您的经纪／托管商索取。
section-register-id = 登记互联网使用者编号
field-confirm-internet-password = 互联网使用者密码(再确定)
field-captcha = 验证码 (区分大小写)
captcha-image-alt = 验证码图片
hint-captcha = 请输入图中五个实心彩色字符，大小写须与图中相同；两旁灰色空心的字符不用输入。验证码只会用到这些字符：{ $codeCharacters }

## 覆实登记
confirm-title = 覆实登记
confirm-intro = 请核实已输入资料。如资料正确，请输入中央结算系统基本使用者密码并选择「覆实」；如资料不正确，选择「返回」并更正有关资料。
field-basic-password = 中央结算系统基本使用者密码

## 登记完成
done-title = 登记完成
done-intro = 阁下的互联网使用者编号已成功登记，详情如下：
done-keep = 建议保存注册详情。
safety-title = 使用密码注意事项
safety-intro = 为确保安全，请注意以下要点：
safety-1 = 切勿向任何人披露密码。
safety-2 = 切勿写下或记录密码而不加以隐藏。
safety-3 = 为免被他人擅自取用阁下的户口，如收到任何载有网址连结的电邮及要求阁下提供个人资料时，切记切勿输入任何敏感资料。
safety-4 = 阁下如有任何疑问，请联络股份独立户口操作热线 2979-7333 查询。

## 更改中央结算系统基本密码
change-basic-title = 更改中央结算系统基本密码
change-basic-forced = 这是您首次登入，必须先更改原先的中央结算系统基本密码。
change-basic-note-1 = 密码长度为8位数字(0-9)组合而成。
change-basic-note-2 = 不能重复使用最近十二次旧密码。
change-basic-note-3 = 这密码是用于连结您的中央结算系统基本使用者户口到您的互联网使用者户口。
field-current-basic-password = 现时沿用的中央结算系统基本密码
field-new-basic-password = 新中央结算系统基本密码
field-confirm-basic-password = 新中央结算系统基本密码 (再确定)
system-message-title = 系统讯息
basic-password-changed = 阁下的中央结算系统基本密码已被更改。

## 更改互联网密码
change-internet-title = 更改互联网使用者密码
change-internet-forced = 您的互联网使用者密码已使用超过90天，请更改后继续。
change-internet-note = 长度为十三至十五位，必须由英文字母及数字组成；不能与之前的5个密码相同。
field-current-internet-password = 现时的互联网使用者密码
field-new-internet-password = 新互联网使用者密码
field-confirm-new-internet-password = 新互联网使用者密码 (再确定)
internet-password-changed = 阁下的互联网使用者密码已被更改。

## 股份独立户口主页
home-title = 股份独立户口主页
last-login = 阁下最后一次登入本网址是 { $time }
first-login = 这是阁下首次登入。
password-expiry = 阁下的互联网使用者密码将于 { $days } 天后过期。
messages-title = 广播讯息
messages-select = 请选择事项
col-date = 日期
col-reference = 参考号码
holiday-line = { $date }：{ $name }
chart-readout = { $date }：{ $balance }
message-meta = 日期：{ $date } · 参考号码：{ $reference }
col-subject = 事项
new-messages = 新讯息数目
no-messages = 没有讯息。
message-back = 返回讯息列表
help-title = 查询
help-intro = 如阁下有任何查询或意见，请以下列方式寻求协助或联络我们：
help-broker = 与经纪或托管商联络；或
help-hotline = 在办公时间致电(股份独立户口)热线 2979-7333 与客户服务员联络；或
help-faq = 浏览常见问题。
help-zoom = 如要放大或缩小画面，请按 Ctrl（Mac 为 ⌘）及 + 或 −；按 Ctrl 及 0 可恢复正常大小。
update-available = SSA Desktop 版本 { $version } 已可安装（现时为版本 { $current }）。
action-install-update = 安装并重新启动
update-installing = 正在下载及安装更新，完成后 SSA Desktop 会重新启动。
app-version = SSA Desktop 版本 { $version }
menu-title = 选单
menu-change-internet = 更改互联网使用者密码
menu-change-basic = 更改中央结算系统基本密码
menu-logout = 登出

## 静态页
what-is-ssa-title = 何谓附寄结单的股份独立户口?
what-is-ssa-body = 股份独立户口是您的经纪或托管商在中央结算系统为您开设的户口，让您的股份与经纪本身及其他投资者的股份分开。使用附寄结单服务，香港结算会直接向您寄发股份独立户口的结单，让您有自己的纪录可与经纪的纪录核对。
faq-title = 常见问题
faq-index-title = 问题一览
faq-q-mark = 问
faq-a-mark = 答
faq-q1 = 我的中央结算系统基本使用者编号、参与者编号、股份独立户口号码及初始中央结算系统基本使用者密码从何而来？
faq-a1 = 您的经纪或托管商为您开设附寄结单服务的股份独立户口时，会将这些资料交给您。参与者编号是您的经纪／托管商之六个位的中央结算系统参与者编号（一个英文字母加五位数字，例如 C00088）；股份独立户口号码为二个位数字。互联网使用者编号及互联网使用者密码则由您在登记时自行选定。
faq-q2 = 如何登记互联网使用者编号？
faq-a2 = 在欢迎页选择「新使用者登记」，输入经纪或托管商提供的三项资料，选定互联网使用者编号（八位英文字母及／或数字）及互联网使用者密码，输入验证码后按「递交」。核实资料后，请于5分钟内输入中央结算系统基本使用者密码并按「覆实」。
faq-q3 = 为何首次登入时必须更改中央结算系统基本密码？
faq-a3 = 初始密码由您的经纪或托管商设定并交给您，更改后便只有您本人知道。这密码是用于连结您的中央结算系统基本使用者户口到您的互联网使用者户口，因此更改前不能使用其他功能。
faq-q4 = 互联网使用者密码有什么规定？
faq-a4 = 长度为十三至十五位，必须由英文字母(A-Z; a-z)及数字(0-9)组合而成，两者皆须包含，不可使用其他字元；密码区分大小写。新密码不能与之前的5个密码（即现时的密码及之前4个）相同。用户必须至少每90天更改密码一次：如密码已过期，系统会在登入时要求您更改；密码到期前14天，股份独立户口主页会提示您。
faq-q5 = 中央结算系统基本密码有什么规定？
faq-a5 = 密码长度为8位数字(0-9)，不能重复使用最近十二次旧密码（包括现时的密码）。
faq-q6 = 我的互联网使用者编号被锁定，或忘记了互联网使用者密码，怎么办？
faq-a6 = 连续输入错误密码五次，互联网使用者编号即被锁定。请在欢迎页选择「忘记互联网使用者密码」，输入互联网使用者编号、中央结算系统基本使用者编号、参与者编号、股份独立户口号码、中央结算系统基本使用者密码及新的互联网使用者密码。完成后新密码即生效，编号亦会解锁。
faq-q7 = 因输入错误的中央结算系统基本密码，我的股份独立户口被锁定，怎么办？
faq-a7 = 连续输入错误的中央结算系统基本密码五次，股份独立户口即被锁定，您不能自行解锁。请致电您的经纪或托管商，由他们安排为户口解锁。
faq-q8 = 什么时候不能使用服务？
faq-a8 = 系统维护期间（香港时间）：星期一至六及公众假期 { $weekdayStart } 至 { $weekdayEnd }；星期日 { $sundayStart } 至 { $sundayEnd }。维护期间不能登入、登记或更改密码，系统会显示恢复服务的时间。如维护开始时您已登入，您的登入会被结束。
faq-q9 = 为何我被带回欢迎页？
faq-a9 = 为确保安全，在个人电脑上15分钟（在分行的自助终端机上2分钟）没有任何输入，登入即会结束；已输入但未递交的资料会被清除。请重新登入。
faq-q10 = 验证码难以辨认，怎么办？
faq-a10 = 验证码区分大小写，请按图片上的大小写输入。按「放大验证码」可看较大的图片，按「更新」可取得新的验证码。每个验证码只可使用一次，并于5分钟后失效。在同一页连续输入错误验证码五次，请稍等片刻再试。
faq-q11 = 如何取消互联网使用者编号？取消后会怎样？
faq-a11 = 在欢迎页选择「取消互联网使用者编号」，输入互联网使用者编号、其密码及验证码，细阅覆实页后按「覆实」。该编号即永久停用：不能再登入，亦不能再次登记。您的股份独立户口及股份不受影响，并可为同一股份独立户口登记新的互联网使用者编号。
faq-q12 = 什么是附寄结单服务？
faq-a12 = 使用附寄结单服务，香港结算会直接向投资者寄发其股份独立户口内股份的中英文结单：包括当日股份转移的结单及每月的股份结存结单。结单是投资者核实持股纪录的另一途径，让您可与经纪或托管商的纪录核对。
faq-q13 = 互联网使用者编号是否区分大小写？
faq-a13 = 不区分。互联网使用者编号长度为八位，由英文字母及／或数字组成，登入时以大写或小写输入均可。密码及验证码则区分大小写。
faq-q14 = 如有疑问，应联络谁？
faq-a14 = 请先与为您开设股份独立户口并提供各项编号的经纪或托管商联络；您亦可在办公时间致电(股份独立户口)热线 2979-7333 与客户服务员联络。切勿向任何人披露密码。

## 忘记互联网使用者密码
forgot-title = 忘记互联网使用者密码
forgot-intro = 请输入互联网使用者编号、中央结算系统基本使用者编号资料及基本使用者密码，然后设定新的互联网使用者密码。此步骤亦会为已被锁定的互联网使用者编号解锁。
forgot-done = 阁下的互联网使用者密码已重设，互联网使用者编号亦已解锁。请以新密码登入。

## 取消互联网使用者编号
cancel-title = 取消互联网使用者编号
cancel-intro = 请输入要取消的互联网使用者编号及其密码。
cancel-confirm-title = 覆实取消
cancel-meaning = 取消后，此互联网使用者编号将永久停用：不能再登入，亦不能再次登记。阁下的股份独立户口其后可登记新的互联网使用者编号。
cancel-done = 阁下的互联网使用者编号已被取消。

## 错误讯息
error-invalid = 请更正以下标示的栏位。
error-login-failed = 互联网使用者编号或密码不正确，或该编号已被锁定或取消。
error-registration-not-confirmed = 中央结算系统基本使用者编号资料或基本使用者密码不正确。连续输入错误基本密码五次，户口即被锁定，须由您的经纪解锁。
error-recovery-not-confirmed = 所输入的资料或中央结算系统基本使用者密码不正确。连续输入错误基本密码五次，户口即被锁定，须由您的经纪解锁。
error-account-already-registered = 此股份独立户口已有互联网使用者编号。
error-basic-account-locked = 由于连续五次输入错误的中央结算系统基本密码，您的股份独立户口已被锁定。请联络您的经纪或托管商。
error-current-basic-password-wrong = 现时沿用的中央结算系统基本密码不正确。再输入错误 { $attempts_left } 次，户口即被锁定。
error-current-internet-password-wrong = 现时的互联网使用者密码不正确。再输入错误 { $attempts_left } 次，编号即被锁定。
error-maintenance = 系统维护中，将于 { $until }（香港时间）恢复服务，请届时再试。
error-not-allowed = 现时不能进行此步骤。
error-session-ended = 阁下的登入已结束，请重新登入。
error-pending-expired = 覆实页已开启超过5分钟，资料未有储存。请重新输入有关资料。
error-internet-user-already-cancelled = 此互联网使用者编号已经取消，毋须再办理。
error-pepper-missing = 本电脑的钥匙圈中没有保护密码的密钥，但这些纪录已在使用密钥。再试亦不能解决，所有资料均未有更改。请致电您经纪的支援服务（如在分行，请通知分行职员），并出示此讯息。
error-pepper-mismatch = 本电脑钥匙圈中的密钥不属于这些纪录（例如电脑或其钥匙圈已被更换）。再试亦不能解决，所有资料均未有更改。请致电您经纪的支援服务（如在分行，请通知分行职员），并出示此讯息。
error-database-key-missing = 本电脑的钥匙圈中没有打开您纪录的密钥，因此无法打开这些纪录。再试亦不能解决，所有资料均未有更改或删除。请致电您经纪的支援服务（如在分行，请通知分行职员），并出示此讯息。
error-database-key-mismatch = 本电脑钥匙圈中的密钥无法打开这些纪录（例如纪录是从另一部电脑复制过来的）。再试亦不能解决，所有资料均未有更改或删除。请致电您经纪的支援服务（如在分行，请通知分行职员），并出示此讯息。
error-update-untrusted = 此更新并非由 SSA Desktop 的发行者签署（已被更改或由他人签署），因此没有安装。现时的版本可继续使用。
error-update-not-newer = 所提供的更新（版本 { $offered }）并不比现时的版本（{ $current }）新，因此没有安装。现时的版本可继续使用。
error-update-failed = 未能下载或安装更新。现时的版本可继续使用，请稍后再试。
error-keyring = SSA Desktop 无法连接本电脑的钥匙圈（保护密码的密钥存放于此）。请以您本人的帐户登入本电脑，使钥匙圈解锁，然后再次开启 SSA Desktop。如问题持续，请致电您经纪的支援服务（如在分行，请通知分行职员）。
error-storage = SSA Desktop 暂时无法连接其纪录（资料库），请于数分钟后再试。如问题持续，请致电您经纪的支援服务（如在分行，请通知分行职员）。
error-operator-refused = 要求被拒绝（{ $reason }）。
error-records-refused = 文件有不符合规则的行，没有写入任何数据。
error-insecure-database-link = 未能以可核实证书的加密连接连接 { $host } 上的纪录，SSA Desktop 不会经网络连接。所有资料均未有传送。请致电您经纪的支援服务（如在分行，请通知分行职员）：数据库地址须设定 sslmode=verify-full 及分行的证书。
error-server-unreachable = SSA Desktop 无法连接 SSA 服务器（{ $host }）。请检查本电脑的网络连接后再试。没有任何资料被更改。
error-server-untrusted = SSA Desktop 没有连接 { $host }：该服务器未能出示本电脑信任的证书，可能不是您经纪的 SSA 服务器。没有发送任何资料。请致电您经纪的支援服务。
error-insecure-server-link = 没有加密连接（地址须以 https:// 开头），SSA Desktop 不会连接 { $host } 上的 SSA 服务器。没有发送任何资料。请致电您经纪的支援服务。
error-server-busy = 本电脑向 SSA 服务器发出的请求过多。请等候一分钟后再试。
error-policy-refused = SSA Desktop 不会启动：分行的自助终端机政策（{ $path }）{ $problem ->
        [not-owned-by-administrator] 不属于系统管理员
        [writable-by-others] 可被系统管理员以外的人更改
        [unparsable] 不是有效的政策文件：{ $detail }
        [idle-limit-out-of-range] 所设的闲置时限不在 30 至 3,600 秒之内
        [database-and-server] 同时指定了数据库及服务器
        [empty-station] 所设的站名是空白的
        [exports-on-kiosk] 容许在自助终端机导出
        [insecure-server] 所指定的服务器地址并非以 https:// 开头
        [untrusted-server-ca] 所指定的服务器证书文件不属于系统管理员（或使用相对路径）
        [no-station] 没有为自助终端机指定站名
       *[other] 无法读取
    }。请通知分行职员。
error-internal = 系统出现问题，请再试。

## 栏位规则（$field 为栏位名称）
rule-required = 请输入{ $field }。
rule-exact-length = { $field }长度必须为 { $len } 位。
rule-length-between = { $field }长度必须为 { $min } 至 { $max } 位。
rule-digits-only = { $field }只可包含数字 0-9。
rule-letters-and-digits-only = { $field }只可包含英文字母 A-Z、a-z 及数字 0-9。
rule-full-width = { $field }含有全形字元，请将输入法转为半形。
rule-participant-id-format = { $field }必须为一个英文字母加五位数字，例如 C00088。
rule-needs-letter = { $field }必须包含最少一个英文字母。
rule-needs-digit = { $field }必须包含最少一个数字。
rule-mismatch = { $field }与上面的密码不相同。
rule-reused = { $field }不能与最近 { $count } 个密码相同。
rule-same-as-current = { $field }不能与现时的密码相同。
rule-captcha-wrong = { $field }不正确，已显示新的验证码。
rule-captcha-expired = { $field }已过期，已显示新的验证码。
rule-captcha-used = { $field }已使用过一次，已显示新的验证码。
rule-captcha-paused = 错误的验证码太多，请等候 { $seconds } 秒。
rule-taken = { $field }已被使用，请选择另一个。

## 结单（规格 7.3）
menu-holdings = 持股
menu-movements = 股份变动
menu-daily = 每日结单
menu-monthly = 每月结单
new-movements = 自上次登录后有 { $count } 项新股份变动。
new-movements-link = 显示新的股份变动
field-date = 日期
field-from-date = 由
field-to-date = 至
field-month = 月份
field-stock-code = 股份代号
rule-date-format = { $field }必须是有效日期，格式为 YYYY-MM-DD。
rule-month-format = { $field }必须是月份，格式为 YYYY-MM。
rule-from-after-to = { $field }不可早于开始日期。
rule-stock-code-format = { $field }必须是 5 位数字，例如 00700。
rule-too-long = { $field }最多只可有 { $max } 个字符。
kind-bf = 承上结余
kind-cns = 交易所买卖交收
kind-si = 交收指示转移
kind-isi = 投资者交收指示
kind-dep = 存入股票
kind-wdl = 提取股票
kind-ca = 公司行动权益
kind-adj = 调整
statements-back = 返回主页
statements-show = 显示
statements-loading = 加载中…
col-stock-code = 股份代号
col-stock-name = 股份名称
col-balance = 结余
col-kind = 变动类别
col-in = 存入
col-out = 提取
holdings-title = 持股
holdings-with-zero = 显示零结余
holdings-count = 显示股份数目：
holdings-empty = 此日期没有持股。
holdings-open-stock = 打开 { $code } { $name } 的图表及股份变动
movements-title = 股份变动
movements-stock = 股份（代号或名称的任何部分）
movements-new-only = 只显示自上次登录后的新股份变动
movements-total = 此期间的股份变动数目：
page-of = 第 { $page } 页，共 { $pages } 页
movements-empty = 此期间没有股份变动。
page-previous = 上一页
page-next = 下一页
daily-title = 每日结单
daily-dates = 有每日结单的日期
daily-none = 此月份没有每日结单。
daily-choose = 请在上方选择日期以查看结单。
daily-holidays = 本月公众假期（不设交收）
statement-date = 结单日期
opening-balance = 期初结余
closing-balance = 期末结余
monthly-title = 每月结单
monthly-as-at = 期末结余日期
monthly-empty = 此月份没有持股。
stock-title = 股份 { $code } { $name }
chart-title = 结余走势
chart-keys = 使用左右方向键逐一读出每次变动。
chart-empty = 此期间没有结余。
date-hint = 格式为 YYYY-MM-DD，例如 2026-11-27
daily-statement = 每日结单
daily-statement-title = 每日结单：{ $date }
monthly-statement-title = 每月结单：{ $month }
rule-too-many-to-export = 此期间的股份变动超过 { $max } 项，未能导出为一个文件。请选择较短的期间。
error-export-failed = 未能保存文件。请选择其他文件夹或名称。
error-export-no-font = 此电脑没有中文字体，未能制作 PDF。请改为导出 CSV。
export-csv = 保存为 CSV
export-pdf = 保存为 PDF
export-saved = 已保存：{ $path }
pager-label = 股份变动页数
