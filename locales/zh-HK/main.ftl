# SSA Desktop：繁體中文。用語依照香港交易所《新使用者登記指南》。

## 各頁通用
app-title = 附寄結單服務的股份獨立戶口
app-subtitle = 投資者核實持股紀錄的另一途徑
link-hkex = 香港交易所網頁
language-label = 語言
lang-en = English
lang-zh-hk = 繁體
lang-zh-cn = 简体
breadcrumb-hkex = 香港交易所網頁
breadcrumb-home = 股份獨立戶口主頁
action-back = 返回
action-continue = 繼續
action-submit = 遞交
action-clear = 清除
action-confirm = 覆實
action-change = 更改
action-cancel = 取消
action-refresh = 更新
action-enlarge = 放大驗證碼
action-listen = 收聽
hint-listen = 「收聽」以廣東話讀出同一驗證碼，並讀出每個字母的大小楷（例如「大楷 K」）。再按「收聽」可重聽。
captcha-audio-label = 驗證碼讀音
action-show-password = 顯示
action-hide-password = 隱藏
loading = 請稍候…
test-build-banner = 測試版本 — 驗證碼固定不變，並非供投資者使用。
startup-error-title = SSA Desktop 無法開啟其紀錄

## 歡迎（登入前）
welcome-title = 歡迎
welcome-fact-1 = 股份獨立戶口能讓經紀及託管商將投資者的股份與其本身及其他投資者的股份分開。
welcome-fact-2 = 買賣盤指令執行後，投資者毋須自行處理股份轉移，其經紀或託管商會代投資者從其股份獨立戶口中存入或提取股份。
welcome-fact-3 = 由香港結算寄發的結單能為投資者提供有關其託管於經紀或託管商之股份轉移的另一紀錄。
login-title = 登入
field-internet-user-id = 互聯網使用者編號
field-internet-password = 互聯網使用者密碼
action-login = 輸入
login-hint-id = 長度為八位，由英文字母及／或數字組成
login-hint-password = 長度為十三至十五位，必須由英文字母及數字組成
login-help = 連續輸入錯誤密碼五次，互聯網使用者編號即被鎖定；可按「忘記互聯網使用者密碼」解鎖。
link-register = 新使用者登記
link-forgot = 忘記互聯網使用者密碼
link-cancel-id = 取消互聯網使用者編號
link-what-is-ssa = 何謂附寄結單的股份獨立戶口?
link-faq = 常見問題
notice-unauthorised = 禁止未經授權之進入及使用，香港交易所保留對違規者採取行動之權利。
notice-change-password = 基於網絡保安理由，結算公司建議您定期更改密碼。用戶必須至少每90天更改密碼一次，新密碼不能與之前的5個密碼相同，如密碼已過期，系統會在登錄時要求您更新。
notice-privacy = 按下「輸入」鍵，即代表本人確認該名／該等人士同意，其個人資料（本人於此申請中所披露者）將按香港交易所網站的私隱政策聲明處理。
maintenance-title = 系統維護時間表
maintenance-intro = 為不斷完善對客戶提供的服務，我們將根據以下時間表（香港時間）進行有關系統提升或維護。在維護期間，受影響的服務將會暫停運作。
maintenance-col-day = 系統維護日
maintenance-col-hours = 預計影響時段
maintenance-weekdays = 星期一至六及公眾假期
maintenance-weekdays-hours = { $weekdayStart } 至 { $weekdayEnd }
maintenance-sunday = 星期日
maintenance-sunday-hours = { $sundayStart } 至 { $sundayEnd }
maintenance-special-title = 特別系統維護
maintenance-special-item = { $start } 至 { $end }
maintenance-next-holiday = 下一個公眾假期：{ $date }，{ $name }
demo-title = 示範模式
demo-intro = 已為您開設以下示範股份獨立戶口，請用它登記互聯網使用者編號。
demo-basic-password = 初始中央結算系統基本使用者密碼
demo-ready-title = 或立即登入
demo-ready-intro = 此示範互聯網使用者編號已登記，首次登入的步驟亦已完成：請在上方用它登入。
demo-basic-password-now = 現時中央結算系統基本使用者密碼

## 新使用者登記
register-title = 新使用者登記
register-notes = 互聯網使用者編號長度為八位，必須由英文字母(A-Z; a-z)及／或數字(0-9)組合而成。密碼長度為十三至十五位，必須由英文字母及數字組合而成。
section-basic-info = 中央結算系統基本使用者編號資料
field-basic-user-id = 中央結算系統基本使用者編號
field-participant-id = 參與者編號
field-ssa-number = 股份獨立戶口號碼
hint-basic-user-id = 八位數字
hint-participant-id = 六個位，例如 C00088
hint-ssa-number = 二個位數字
hint-from-broker = 以上三項請向您的經紀／託管商索取。
section-register-id = 登記互聯網使用者編號
field-confirm-internet-password = 互聯網使用者密碼(再確定)
field-captcha = 驗證碼 (區分大小寫)
captcha-image-alt = 驗證碼圖片
hint-captcha = 請輸入圖中五個實心彩色字元，大小楷須與圖中相同；兩旁灰色空心的字元不用輸入。驗證碼只會用到這些字元：{ $codeCharacters }

## 覆實登記
confirm-title = 覆實登記
confirm-intro = 請核實已輸入資料。如資料正確，請輸入中央結算系統基本使用者密碼並選擇「覆實」；如資料不正確，選擇「返回」並更正有關資料。
field-basic-password = 中央結算系統基本使用者密碼

## 登記完成
done-title = 登記完成
done-intro = 閣下的互聯網使用者編號已成功登記，詳情如下：
done-keep = 建議保存註冊詳情。
safety-title = 使用密碼注意事項
safety-intro = 為確保安全，請注意以下要點：
safety-1 = 切勿向任何人披露密碼。
safety-2 = 切勿寫下或記錄密碼而不加以隱藏。
safety-3 = 為免被他人擅自取用閣下的戶口，如收到任何載有網址連結的電郵及要求閣下提供個人資料時，切記切勿輸入任何敏感資料。
safety-4 = 閣下如有任何疑問，請聯絡股份獨立戶口操作熱線 2979-7333 查詢。

## 更改中央結算系統基本密碼
change-basic-title = 更改中央結算系統基本密碼
change-basic-forced = 這是您首次登入，必須先更改原先的中央結算系統基本密碼。
change-basic-note-1 = 密碼長度為8位數字(0-9)組合而成。
change-basic-note-2 = 不能重複使用最近十二次舊密碼。
change-basic-note-3 = 這密碼是用於連結您的中央結算系統基本使用者戶口到您的互聯網使用者戶口。
field-current-basic-password = 現時沿用的中央結算系統基本密碼
field-new-basic-password = 新中央結算系統基本密碼
field-confirm-basic-password = 新中央結算系統基本密碼 (再確定)
system-message-title = 系統訊息
basic-password-changed = 閣下的中央結算系統基本密碼已被更改。

## 更改互聯網密碼
change-internet-title = 更改互聯網使用者密碼
change-internet-forced = 您的互聯網使用者密碼已使用超過90天，請更改後繼續。
change-internet-note = 長度為十三至十五位，必須由英文字母及數字組成；不能與之前的5個密碼相同。
field-current-internet-password = 現時的互聯網使用者密碼
field-new-internet-password = 新互聯網使用者密碼
field-confirm-new-internet-password = 新互聯網使用者密碼 (再確定)
internet-password-changed = 閣下的互聯網使用者密碼已被更改。

## 股份獨立戶口主頁
home-title = 股份獨立戶口主頁
last-login = 閣下最後一次登入本網址是 { $time }
first-login = 這是閣下首次登入。
password-expiry = 閣下的互聯網使用者密碼將於 { $days } 天後過期。
messages-title = 廣播訊息
messages-select = 請選擇事項
col-date = 日期
col-reference = 參考號碼
holiday-line = { $date }：{ $name }
chart-readout = { $date }：{ $balance }
message-meta = 日期：{ $date } · 參考號碼：{ $reference }
col-subject = 事項
new-messages = 新訊息數目
no-messages = 沒有訊息。
message-back = 返回訊息列表
help-title = 查詢
help-intro = 如閣下有任何查詢或意見，請以下列方式尋求協助或聯絡我們：
help-broker = 與經紀或託管商聯絡；或
help-hotline = 在辦公時間致電(股份獨立戶口)熱線 2979-7333 與客戶服務員聯絡；或
help-faq = 瀏覽常見問題。
help-zoom = 如要放大或縮小畫面，請按 Ctrl（Mac 為 ⌘）及 + 或 −；按 Ctrl 及 0 可回復正常大小。
update-available = SSA Desktop 版本 { $version } 已可安裝（現時為版本 { $current }）。
action-install-update = 安裝並重新啟動
update-installing = 正在下載及安裝更新，完成後 SSA Desktop 會重新啟動。
app-version = SSA Desktop 版本 { $version }
menu-title = 選單
menu-change-internet = 更改互聯網使用者密碼
menu-change-basic = 更改中央結算系統基本密碼
menu-logout = 登出

## 靜態頁
what-is-ssa-title = 何謂附寄結單的股份獨立戶口?
what-is-ssa-body = 股份獨立戶口是您的經紀或託管商在中央結算系統為您開設的戶口，讓您的股份與經紀本身及其他投資者的股份分開。使用附寄結單服務，香港結算會直接向您寄發股份獨立戶口的結單，讓您有自己的紀錄可與經紀的紀錄核對。
faq-title = 常見問題
faq-index-title = 問題一覽
faq-q-mark = 問
faq-a-mark = 答
faq-q1 = 我的中央結算系統基本使用者編號、參與者編號、股份獨立戶口號碼及初始中央結算系統基本使用者密碼從何而來？
faq-a1 = 您的經紀或託管商為您開設附寄結單服務的股份獨立戶口時，會將這些資料交給您。參與者編號是您的經紀／託管商之六個位的中央結算系統參與者編號（一個英文字母加五位數字，例如 C00088）；股份獨立戶口號碼為二個位數字。互聯網使用者編號及互聯網使用者密碼則由您在登記時自行選定。
faq-q2 = 如何登記互聯網使用者編號？
faq-a2 = 在歡迎頁選擇「新使用者登記」，輸入經紀或託管商提供的三項資料，選定互聯網使用者編號（八位英文字母及／或數字）及互聯網使用者密碼，輸入驗證碼後按「遞交」。核實資料後，請於5分鐘內輸入中央結算系統基本使用者密碼並按「覆實」。
faq-q3 = 為何首次登入時必須更改中央結算系統基本密碼？
faq-a3 = 初始密碼由您的經紀或託管商設定並交給您，更改後便只有您本人知道。這密碼是用於連結您的中央結算系統基本使用者戶口到您的互聯網使用者戶口，因此更改前不能使用其他功能。
faq-q4 = 互聯網使用者密碼有甚麼規定？
faq-a4 = 長度為十三至十五位，必須由英文字母(A-Z; a-z)及數字(0-9)組合而成，兩者皆須包含，不可使用其他字元；密碼區分大小寫。新密碼不能與之前的5個密碼（即現時的密碼及之前4個）相同。用戶必須至少每90天更改密碼一次：如密碼已過期，系統會在登入時要求您更改；密碼到期前14天，股份獨立戶口主頁會提示您。
faq-q5 = 中央結算系統基本密碼有甚麼規定？
faq-a5 = 密碼長度為8位數字(0-9)，不能重複使用最近十二次舊密碼（包括現時的密碼）。
faq-q6 = 我的互聯網使用者編號被鎖定，或忘記了互聯網使用者密碼，怎麼辦？
faq-a6 = 連續輸入錯誤密碼五次，互聯網使用者編號即被鎖定。請在歡迎頁選擇「忘記互聯網使用者密碼」，輸入互聯網使用者編號、中央結算系統基本使用者編號、參與者編號、股份獨立戶口號碼、中央結算系統基本使用者密碼及新的互聯網使用者密碼。完成後新密碼即生效，編號亦會解鎖。
faq-q7 = 因輸入錯誤的中央結算系統基本密碼，我的股份獨立戶口被鎖定，怎麼辦？
faq-a7 = 連續輸入錯誤的中央結算系統基本密碼五次，股份獨立戶口即被鎖定，您不能自行解鎖。請致電您的經紀或託管商，由他們安排為戶口解鎖。
faq-q8 = 甚麼時候不能使用服務？
faq-a8 = 系統維護期間（香港時間）：星期一至六及公眾假期 { $weekdayStart } 至 { $weekdayEnd }；星期日 { $sundayStart } 至 { $sundayEnd }。維護期間不能登入、登記或更改密碼，系統會顯示恢復服務的時間。如維護開始時您已登入，您的登入會被結束。
faq-q9 = 為何我被帶回歡迎頁？
faq-a9 = 為確保安全，在個人電腦上15分鐘（在分行的自助終端機上2分鐘）沒有任何輸入，登入即會結束；已輸入但未遞交的資料會被清除。請重新登入。
faq-q10 = 驗證碼難以辨認，怎麼辦？
faq-a10 = 驗證碼區分大小寫，請按圖片上的大小寫輸入。按「放大驗證碼」可看較大的圖片，按「更新」可取得新的驗證碼。每個驗證碼只可使用一次，並於5分鐘後失效。在同一頁連續輸入錯誤驗證碼五次，請稍等片刻再試。
faq-q11 = 如何取消互聯網使用者編號？取消後會怎樣？
faq-a11 = 在歡迎頁選擇「取消互聯網使用者編號」，輸入互聯網使用者編號、其密碼及驗證碼，細閱覆實頁後按「覆實」。該編號即永久停用：不能再登入，亦不能再次登記。您的股份獨立戶口及股份不受影響，並可為同一股份獨立戶口登記新的互聯網使用者編號。
faq-q12 = 甚麼是附寄結單服務？
faq-a12 = 使用附寄結單服務，香港結算會直接向投資者寄發其股份獨立戶口內股份的中英文結單：包括當日股份轉移的結單及每月的股份結存結單。結單是投資者核實持股紀錄的另一途徑，讓您可與經紀或託管商的紀錄核對。
faq-q13 = 互聯網使用者編號是否區分大小寫？
faq-a13 = 不區分。互聯網使用者編號長度為八位，由英文字母及／或數字組成，登入時以大寫或小寫輸入均可。密碼及驗證碼則區分大小寫。
faq-q14 = 如有疑問，應聯絡誰？
faq-a14 = 請先與為您開設股份獨立戶口並提供各項編號的經紀或託管商聯絡；您亦可在辦公時間致電(股份獨立戶口)熱線 2979-7333 與客戶服務員聯絡。切勿向任何人披露密碼。

## 忘記互聯網使用者密碼
forgot-title = 忘記互聯網使用者密碼
forgot-intro = 請輸入互聯網使用者編號、中央結算系統基本使用者編號資料及基本使用者密碼，然後設定新的互聯網使用者密碼。此步驟亦會為已被鎖定的互聯網使用者編號解鎖。
forgot-done = 閣下的互聯網使用者密碼已重設，互聯網使用者編號亦已解鎖。請以新密碼登入。

## 取消互聯網使用者編號
cancel-title = 取消互聯網使用者編號
cancel-intro = 請輸入要取消的互聯網使用者編號及其密碼。
cancel-confirm-title = 覆實取消
cancel-meaning = 取消後，此互聯網使用者編號將永久停用：不能再登入，亦不能再次登記。閣下的股份獨立戶口其後可登記新的互聯網使用者編號。
cancel-done = 閣下的互聯網使用者編號已被取消。

## 錯誤訊息
error-invalid = 請更正以下標示的欄位。
error-login-failed = 互聯網使用者編號或密碼不正確，或該編號已被鎖定或取消。
error-registration-not-confirmed = 中央結算系統基本使用者編號資料或基本使用者密碼不正確。連續輸入錯誤基本密碼五次，戶口即被鎖定，須由您的經紀解鎖。
error-recovery-not-confirmed = 所輸入的資料或中央結算系統基本使用者密碼不正確。連續輸入錯誤基本密碼五次，戶口即被鎖定，須由您的經紀解鎖。
error-account-already-registered = 此股份獨立戶口已有互聯網使用者編號。
error-basic-account-locked = 由於連續五次輸入錯誤的中央結算系統基本密碼，您的股份獨立戶口已被鎖定。請聯絡您的經紀或託管商。
error-current-basic-password-wrong = 現時沿用的中央結算系統基本密碼不正確。再輸入錯誤 { $attempts_left } 次，戶口即被鎖定。
error-current-internet-password-wrong = 現時的互聯網使用者密碼不正確。再輸入錯誤 { $attempts_left } 次，編號即被鎖定。
error-maintenance = 系統維護中，將於 { $until }（香港時間）恢復服務，請屆時再試。
error-not-allowed = 現時不能進行此步驟。
error-session-ended = 閣下的登入已結束，請重新登入。
error-pending-expired = 覆實頁已開啟超過5分鐘，資料未有儲存。請重新輸入有關資料。
error-internet-user-already-cancelled = 此互聯網使用者編號已經取消，毋須再辦理。
error-pepper-missing = 本電腦的鑰匙圈中沒有保護密碼的密鑰，但這些紀錄已在使用密鑰。再試亦不能解決，所有資料均未有更改。請致電您經紀的支援服務（如在分行，請通知分行職員），並出示此訊息。
error-pepper-mismatch = 本電腦鑰匙圈中的密鑰不屬於這些紀錄（例如電腦或其鑰匙圈已被更換）。再試亦不能解決，所有資料均未有更改。請致電您經紀的支援服務（如在分行，請通知分行職員），並出示此訊息。
error-database-key-missing = 本電腦的鑰匙圈中沒有開啟您紀錄的密鑰，因此無法開啟這些紀錄。再試亦不能解決，所有資料均未有更改或刪除。請致電您經紀的支援服務（如在分行，請通知分行職員），並出示此訊息。
error-database-key-mismatch = 本電腦鑰匙圈中的密鑰無法開啟這些紀錄（例如紀錄是從另一部電腦複製過來的）。再試亦不能解決，所有資料均未有更改或刪除。請致電您經紀的支援服務（如在分行，請通知分行職員），並出示此訊息。
error-update-untrusted = 此更新並非由 SSA Desktop 的發行者簽署（已被更改或由他人簽署），因此沒有安裝。現時的版本可繼續使用。
error-update-not-newer = 所提供的更新（版本 { $offered }）並不比現時的版本（{ $current }）新，因此沒有安裝。現時的版本可繼續使用。
error-update-failed = 未能下載或安裝更新。現時的版本可繼續使用，請稍後再試。
error-keyring = SSA Desktop 無法連接本電腦的鑰匙圈（保護密碼的密鑰存放於此）。請以您本人的帳戶登入本電腦，使鑰匙圈解鎖，然後再次開啟 SSA Desktop。如問題持續，請致電您經紀的支援服務（如在分行，請通知分行職員）。
error-storage = SSA Desktop 暫時無法連接其紀錄（資料庫），請於數分鐘後再試。如問題持續，請致電您經紀的支援服務（如在分行，請通知分行職員）。
error-operator-refused = 要求被拒絕（{ $reason }）。
error-records-refused = 檔案有不符合規則的行，沒有寫入任何資料。
error-insecure-database-link = 未能以可核實證書的加密連線連接 { $host } 上的紀錄，SSA Desktop 不會經網絡連接。所有資料均未有傳送。請致電您經紀的支援服務（如在分行，請通知分行職員）：資料庫地址須設定 sslmode=verify-full 及分行的證書。
error-server-unreachable = SSA Desktop 無法連接 SSA 伺服器（{ $host }）。請檢查本電腦的網絡連線後再試。沒有任何資料被更改。
error-server-untrusted = SSA Desktop 沒有連接 { $host }：該伺服器未能出示本電腦信任的證書，可能不是您經紀的 SSA 伺服器。沒有傳送任何資料。請致電您經紀的支援熱線。
error-insecure-server-link = 未有加密連線（地址須以 https:// 開始），SSA Desktop 不會連接 { $host } 上的 SSA 伺服器。沒有傳送任何資料。請致電您經紀的支援熱線。
error-server-busy = 本電腦向 SSA 伺服器發出的要求過多。請等候一分鐘後再試。
error-policy-refused = SSA Desktop 不會啟動：分行的自助終端機政策（{ $path }）{ $problem ->
        [not-owned-by-administrator] 不屬於系統管理員
        [writable-by-others] 可被系統管理員以外的人更改
        [unparsable] 不是有效的政策檔案：{ $detail }
        [idle-limit-out-of-range] 所設的閒置時限不在 30 至 3,600 秒之內
        [database-and-server] 同時指定了資料庫及伺服器
        [empty-station] 所設的站名是空白的
        [exports-on-kiosk] 容許在自助終端機匯出
        [insecure-server] 所指定的伺服器地址並非以 https:// 開始
        [untrusted-server-ca] 所指定的伺服器證書檔案不屬於系統管理員（或使用相對路徑）
        [no-station] 沒有為自助終端機指定站名
       *[other] 無法讀取
    }。請通知分行職員。
error-internal = 系統出現問題，請再試。

## 欄位規則（$field 為欄位名稱）
rule-required = 請輸入{ $field }。
rule-exact-length = { $field }長度必須為 { $len } 位。
rule-length-between = { $field }長度必須為 { $min } 至 { $max } 位。
rule-digits-only = { $field }只可包含數字 0-9。
rule-letters-and-digits-only = { $field }只可包含英文字母 A-Z、a-z 及數字 0-9。
rule-full-width = { $field }含有全形字元，請將輸入法轉為半形。
rule-participant-id-format = { $field }必須為一個英文字母加五位數字，例如 C00088。
rule-needs-letter = { $field }必須包含最少一個英文字母。
rule-needs-digit = { $field }必須包含最少一個數字。
rule-mismatch = { $field }與上面的密碼不相同。
rule-reused = { $field }不能與最近 { $count } 個密碼相同。
rule-same-as-current = { $field }不能與現時的密碼相同。
rule-captcha-wrong = { $field }不正確，已顯示新的驗證碼。
rule-captcha-expired = { $field }已過期，已顯示新的驗證碼。
rule-captcha-used = { $field }已使用過一次，已顯示新的驗證碼。
rule-captcha-paused = 錯誤的驗證碼太多，請等候 { $seconds } 秒。
rule-taken = { $field }已被使用，請選擇另一個。

## 結單（規格 7.3）
menu-holdings = 持股
menu-movements = 股份變動
menu-daily = 每日結單
menu-monthly = 每月結單
new-movements = 自上次登入後有 { $count } 項新股份變動。
new-movements-link = 顯示新的股份變動
field-date = 日期
field-from-date = 由
field-to-date = 至
field-month = 月份
field-stock-code = 股份代號
rule-date-format = { $field }必須是有效日期，格式為 YYYY-MM-DD。
rule-month-format = { $field }必須是月份，格式為 YYYY-MM。
rule-from-after-to = { $field }不可早於開始日期。
rule-stock-code-format = { $field }必須是 5 位數字，例如 00700。
rule-too-long = { $field }最多只可有 { $max } 個字元。
kind-bf = 承上結餘
kind-cns = 交易所買賣交收
kind-si = 交收指示轉移
kind-isi = 投資者交收指示
kind-dep = 存入股票
kind-wdl = 提取股票
kind-ca = 公司行動權益
kind-adj = 調整
statements-back = 返回主頁
statements-show = 顯示
statements-loading = 載入中…
col-stock-code = 股份代號
col-stock-name = 股份名稱
col-balance = 結餘
col-kind = 變動類別
col-in = 存入
col-out = 提取
holdings-title = 持股
holdings-with-zero = 顯示零結餘
holdings-count = 顯示股份數目：
holdings-empty = 此日期沒有持股。
holdings-open-stock = 開啟 { $code } { $name } 的圖表及股份變動
movements-title = 股份變動
movements-stock = 股份（代號或名稱的任何部分）
movements-new-only = 只顯示自上次登入後的新股份變動
movements-total = 此期間的股份變動數目：
page-of = 第 { $page } 頁，共 { $pages } 頁
movements-empty = 此期間沒有股份變動。
page-previous = 上一頁
page-next = 下一頁
daily-title = 每日結單
daily-dates = 有每日結單的日期
daily-none = 此月份沒有每日結單。
daily-choose = 請在上方選擇日期以查看結單。
daily-holidays = 本月公眾假期（不設交收）
statement-date = 結單日期
opening-balance = 期初結餘
closing-balance = 期末結餘
monthly-title = 每月結單
monthly-as-at = 期末結餘日期
monthly-empty = 此月份沒有持股。
stock-title = 股份 { $code } { $name }
chart-title = 結餘走勢
chart-keys = 使用左右方向鍵逐一讀出每次變動。
chart-empty = 此期間沒有結餘。
date-hint = 格式為 YYYY-MM-DD，例如 2026-11-27
daily-statement = 每日結單
daily-statement-title = 每日結單：{ $date }
monthly-statement-title = 每月結單：{ $month }
rule-too-many-to-export = 此期間的股份變動超過 { $max } 項，未能匯出為一個檔案。請選擇較短的期間。
error-export-failed = 未能儲存檔案。請選擇其他資料夾或名稱。
error-export-no-font = 此電腦沒有中文字型，未能製作 PDF。請改為匯出 CSV。
export-csv = 儲存為 CSV
export-pdf = 儲存為 PDF
export-saved = 已儲存：{ $path }
pager-label = 股份變動頁數
