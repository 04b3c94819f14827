# SSA Desktop: English. Every key here exists in zh-HK and zh-CN too, with the
# same variables (a test checks).

## Everywhere
app-title = Stock Segregated Account with Statement Service
app-subtitle = Another way for investors to verify their shareholding records
link-hkex = HKEX website
language-label = Language
lang-en = English
lang-zh-hk = 繁體
lang-zh-cn = 简体
breadcrumb-hkex = HKEX website
breadcrumb-home = SSA home
action-back = Back
action-continue = Continue
action-submit = Submit
action-clear = Clear
action-confirm = Confirm
action-change = Change
action-cancel = Cancel
action-refresh = Refresh
action-enlarge = Larger code
action-listen = Listen
hint-listen = Listen plays the same code, spoken in English, with the case of each letter ("capital K"). Press Listen again to hear it again.
captcha-audio-label = Verification code, spoken
action-show-password = Show
action-hide-password = Hide
loading = Please wait…
test-build-banner = TEST BUILD — verification codes are fixed. Not for investors.
startup-error-title = SSA Desktop cannot open its records

## Welcome (before login)
welcome-title = Welcome
welcome-fact-1 = A Stock Segregated Account lets your broker or custodian keep your shares apart from its own shares and from other investors' shares.
welcome-fact-2 = After your orders are executed you need not move shares yourself: your broker or custodian deposits them into, or withdraws them from, your Stock Segregated Account.
welcome-fact-3 = Statements sent by HKSCC give you another record of the movements of your shares held with your broker or custodian.
login-title = Login
field-internet-user-id = Internet User ID
field-internet-password = Internet User Password
action-login = Login
login-hint-id = 8 letters and/or digits
login-hint-password = 13 to 15 characters, letters and digits
login-help = An Internet User ID is locked after 5 wrong passwords in a row. "Forgot Internet user password" unlocks it.
link-register = New user registration
link-forgot = Forgot Internet user password
link-cancel-id = Cancel Internet User ID
link-what-is-ssa = What is an SSA with statement service?
link-faq = FAQ
notice-unauthorised = Unauthorised access and use are prohibited. HKEX reserves the right to take action against offenders.
notice-change-password = For security, please change your password regularly: at least once every 90 days, and not to any of your last 5 passwords. An expired password must be changed when you log in.
notice-privacy = By pressing "Login" you confirm that the person(s) concerned agree that the personal data disclosed here will be handled under the privacy policy statement on the HKEX website.
maintenance-title = Maintenance timetable
maintenance-intro = To keep improving our services, the system is upgraded or maintained at these times (Hong Kong time). Affected services pause during maintenance.
maintenance-col-day = Maintenance day
maintenance-col-hours = Expected hours
maintenance-weekdays = Monday to Saturday and public holidays
maintenance-weekdays-hours = { $weekdayStart } to { $weekdayEnd }
maintenance-sunday = Sunday
maintenance-sunday-hours = { $sundayStart } to { $sundayEnd }
maintenance-special-title = Special maintenance
maintenance-special-item = { $start } to { $end }
maintenance-next-holiday = Next public holiday: { $date }, { $name }
demo-title = Demo mode
demo-intro = This demo SSA basic account was provisioned for you. Register an Internet User ID with it.
demo-basic-password = Initial CCASS Basic Password
demo-ready-title = Or log in at once
demo-ready-intro = This demo Internet User ID is registered and its first login's steps are done: log in with it above.
demo-basic-password-now = Current CCASS Basic Password

## New user registration
register-title = New user registration
register-notes = The Internet User ID is 8 letters (A-Z, a-z) and/or digits (0-9). The password is 13 to 15 characters and must contain both letters and digits.
section-basic-info = CCASS Basic User ID information
field-basic-user-id = CCASS Basic User ID
field-participant-id = Participant ID
field-ssa-number = SSA Number
hint-basic-user-id = 8 digits
hint-participant-id = 6 characters, e.g. C00088
hint-ssa-number = 2 digits
hint-from-broker = These three items are given to you by your broker or custodian.
section-register-id = Register Internet User ID
field-confirm-internet-password = Internet User Password (confirm)
field-captcha = Verification code (case sensitive)
captcha-image-alt = Verification code image
hint-captcha = Type the five solid coloured characters in the picture, small or capital as shown; ignore the grey outlined ones at the sides. A code has only these characters: { $codeCharacters }

## Confirm registration
confirm-title = Confirm registration
confirm-intro = Please check the details. If they are right, enter your CCASS Basic Password and choose Confirm; if not, choose Back and correct them.
field-basic-password = CCASS Basic Password

## Registration done
done-title = Registration completed
done-intro = Your Internet User ID has been registered with the following details:
done-keep = Please keep these details in a safe place.
safety-title = Password safety
safety-intro = For your security, please note:
safety-1 = Never disclose your password to anyone.
safety-2 = Never write down or record your password without disguising it.
safety-3 = Never enter sensitive data after following a link in an e-mail that asks for your personal details.
safety-4 = If you have any questions, call the SSA hotline 2979-7333.

## Change CCASS Basic password
change-basic-title = Change CCASS Basic password
change-basic-forced = This is your first login. You must change your CCASS Basic password before you go on.
change-basic-note-1 = The password is 8 digits (0-9).
change-basic-note-2 = It must not be any of your last 12 CCASS Basic passwords.
change-basic-note-3 = This password links your CCASS basic account to your Internet account.
field-current-basic-password = Current CCASS Basic Password
field-new-basic-password = New CCASS Basic Password
field-confirm-basic-password = New CCASS Basic Password (confirm)
system-message-title = System message
basic-password-changed = Your CCASS Basic password has been changed.

## Change Internet password
change-internet-title = Change Internet password
change-internet-forced = Your Internet password is more than 90 days old. Please change it to go on.
change-internet-note = 13 to 15 characters with both letters and digits; not any of your last 5 passwords.
field-current-internet-password = Current Internet User Password
field-new-internet-password = New Internet User Password
field-confirm-new-internet-password = New Internet User Password (confirm)
internet-password-changed = Your Internet password has been changed.

## SSA home
home-title = SSA home
last-login = You last logged in at { $time }
first-login = This is your first login.
password-expiry = Your Internet password expires in { $days } days.
messages-title = Broadcast messages
messages-select = Please select item
col-date = Date
col-reference = Reference number
holiday-line = { $date }: { $name }
chart-readout = { $date }: { $balance }
message-meta = Date: { $date } · Reference number: { $reference }
col-subject = Subject
new-messages = Number of new messages
no-messages = There are no messages.
message-back = Back to messages
help-title = Help
help-intro = For questions or comments, you can:
help-broker = contact your broker or custodian;
help-hotline = call the SSA hotline 2979-7333 in office hours;
help-faq = read the FAQ.
help-zoom = To make everything larger or smaller, press Ctrl (⌘ on a Mac) with + or −; Ctrl with 0 goes back to the normal size.
update-available = Version { $version } of SSA Desktop is ready to install (this is version { $current }).
action-install-update = Install and restart
update-installing = Downloading and installing the update. SSA Desktop restarts when it is done.
app-version = SSA Desktop version { $version }
menu-title = Menu
menu-change-internet = Change Internet password
menu-change-basic = Change CCASS Basic password
menu-logout = Logout

## Static pages
what-is-ssa-title = What is an SSA with statement service?
what-is-ssa-body = A Stock Segregated Account (SSA) is an account in CCASS that your broker or custodian opens for you, so that your shares are kept apart from the broker's own shares and from other investors'. With the statement service, HKSCC sends you statements of the shares in your SSA, so you have your own record to check against your broker's.
faq-title = FAQ
faq-index-title = Questions
faq-q-mark = Q
faq-a-mark = A
faq-q1 = Where do my CCASS Basic User ID, Participant ID, SSA Number and initial CCASS Basic Password come from?
faq-a1 = Your broker or custodian gives them to you when it opens your Stock Segregated Account with statement service. The Participant ID is your broker's or custodian's CCASS participant ID (one letter and five digits, e.g. C00088); the SSA Number is 2 digits. You choose your Internet User ID and Internet User Password yourself when you register.
faq-q2 = How do I register an Internet User ID?
faq-a2 = Choose "New user registration" on the Welcome page. Enter the three items from your broker or custodian, choose an Internet User ID (8 letters and/or digits) and an Internet User Password, type the verification code and choose Submit. Check the details, enter your CCASS Basic Password and choose Confirm within 5 minutes.
faq-q3 = Why must I change my CCASS Basic Password at my first login?
faq-a3 = The initial password was set by your broker or custodian and handed to you. Changing it makes sure that only you know it. It links your CCASS basic account to your Internet account, so nothing else can be used until it is changed.
faq-q4 = What are the rules for the Internet User Password?
faq-a4 = 13 to 15 characters, made of letters (A-Z, a-z) and digits (0-9), with at least one of each and nothing else. It is case sensitive. It must not be any of your last 5 passwords (the current one and the 4 before it). Change it at least every 90 days: an expired password must be changed when you log in, and the SSA home tells you 14 days ahead.
faq-q5 = What are the rules for the CCASS Basic Password?
faq-a5 = Exactly 8 digits (0-9). It must not be any of your last 12 CCASS Basic Passwords, the current one included.
faq-q6 = My Internet User ID is locked, or I forgot my Internet User Password. What do I do?
faq-a6 = An Internet User ID is locked after 5 wrong passwords in a row. Choose "Forgot Internet user password" on the Welcome page and enter your Internet User ID, your CCASS Basic User ID, Participant ID, SSA Number, your CCASS Basic Password and a new Internet User Password. This sets the new password and unlocks the ID.
faq-q7 = My SSA basic account is locked after wrong CCASS Basic Passwords. What do I do?
faq-a7 = After 5 wrong CCASS Basic Passwords in a row the SSA basic account is locked, and you cannot unlock it yourself. Call your broker or custodian: they arrange for the account to be unlocked.
faq-q8 = When is the service not available?
faq-a8 = During maintenance, in Hong Kong time: Monday to Saturday and public holidays { $weekdayStart } to { $weekdayEnd }; Sunday { $sundayStart } to { $sundayEnd }. Login, registration and password changes are refused then, with a message saying when the service resumes. If you are logged in when maintenance starts, your session ends.
faq-q9 = Why was I taken back to the Welcome page?
faq-a9 = For your security a session ends after 15 minutes without any input on a personal computer, or 2 minutes on a branch kiosk. What was typed but not submitted is cleared. Please log in again.
faq-q10 = The verification code is hard to read. What can I do?
faq-a10 = The code is case sensitive: type capital and small letters exactly as shown. Choose "Larger code" to see a bigger picture, or "Refresh" for a new code. Each code can be used once only and for 5 minutes. After 5 wrong codes in a row on one page, please wait a short time before trying again.
faq-q11 = How do I cancel my Internet User ID, and what does it mean?
faq-a11 = Choose "Cancel Internet User ID" on the Welcome page, enter the Internet User ID, its password and the verification code, read the confirmation page and choose Confirm. The ID then ends for good: it can no longer log in and can never be registered again. Your SSA and your shares are not affected, and you can register a new Internet User ID for the same SSA.
faq-q12 = What is the statement service?
faq-a12 = With the statement service HKSCC sends you, the investor, statements of the shares kept in your Stock Segregated Account, in Chinese and English: a statement of the day's movements and a monthly statement of your balances. They are another way for you to verify your shareholding records against your broker's or custodian's.
faq-q13 = Is the Internet User ID case sensitive?
faq-a13 = No. An Internet User ID is 8 letters and/or digits, and you can log in with it in any case. Passwords and verification codes are case sensitive.
faq-q14 = Whom do I call if I have a question?
faq-a14 = First your broker or custodian, who opened your SSA and handed over your IDs. You can also call the SSA hotline 2979-7333 in office hours. Never tell anyone your passwords.

## Forgot Internet user password
forgot-title = Forgot Internet user password
forgot-intro = Enter your Internet User ID, your CCASS Basic User ID information and your CCASS Basic Password, then choose a new Internet User Password. This also unlocks a locked Internet User ID.
forgot-done = Your Internet User Password has been reset and your Internet User ID is unlocked. You can now log in with the new password.

## Cancel Internet User ID
cancel-title = Cancel Internet User ID
cancel-intro = Enter the Internet User ID you want to cancel and its password.
cancel-confirm-title = Confirm cancellation
cancel-meaning = Cancelling ends this Internet User ID for good: it can no longer log in and can never be registered again. Your SSA basic account can then register a new Internet User ID.
cancel-done = Your Internet User ID has been cancelled.

## Errors (code from the service layer; variables are its data)
error-invalid = Please correct the fields marked below.
error-login-failed = The Internet User ID or password is not correct, or the ID is locked or cancelled.
error-registration-not-confirmed = The CCASS Basic User ID information or the CCASS Basic Password is not correct. After 5 wrong Basic passwords the account is locked and only your broker can unlock it.
error-recovery-not-confirmed = The details or the CCASS Basic Password are not correct. After 5 wrong Basic passwords the account is locked and only your broker can unlock it.
error-account-already-registered = This SSA basic account already has an Internet User ID.
error-basic-account-locked = Your SSA basic account is locked after 5 wrong CCASS Basic passwords. Please contact your broker or custodian.
error-current-basic-password-wrong = The current CCASS Basic Password is not correct. { $attempts_left } tries are left before the account is locked.
error-current-internet-password-wrong = The current Internet User Password is not correct. { $attempts_left } tries are left before the ID is locked.
error-maintenance = The service is under maintenance until { $until } (Hong Kong time). Please try again then.
error-not-allowed = This step is not available now.
error-session-ended = Your session has ended. Please log in again.
error-pending-expired = The confirmation page was open for more than 5 minutes, so nothing was saved. Please enter the details again.
error-internet-user-already-cancelled = This Internet User ID has already been cancelled. Nothing more needs to be done.
error-pepper-missing = The secret key that protects passwords is missing from this computer's keyring, but these records already use one. Trying again will not help, and nothing has been changed. Please call your broker's support desk (at a branch, the branch staff) and show them this message.
error-pepper-mismatch = The secret key in this computer's keyring does not belong to these records (for example, the computer or its keyring was replaced). Trying again will not help, and nothing has been changed. Please call your broker's support desk (at a branch, the branch staff) and show them this message.
error-database-key-missing = The key that unlocks your records on this computer is missing from its keyring, so they cannot be opened. Trying again will not help, and nothing has been changed or deleted. Please call your broker's support desk (at a branch, the branch staff) and show them this message.
error-database-key-mismatch = The key in this computer's keyring does not unlock these records (for example, the records were copied from another computer). Trying again will not help, and nothing has been changed or deleted. Please call your broker's support desk (at a branch, the branch staff) and show them this message.
error-update-untrusted = This update is not signed by the publisher of SSA Desktop (it was changed, or signed by someone else), so it was not installed. This version keeps working.
error-update-not-newer = The update offered (version { $offered }) is not newer than this one (version { $current }), so it was not installed. This version keeps working.
error-update-failed = The update could not be downloaded or installed. This version keeps working; please try again later.
error-keyring = SSA Desktop cannot reach this computer's keyring, where the key that protects passwords is kept. Log in to this computer with your own account so that its keyring is unlocked, then start SSA Desktop again. If this keeps happening, call your broker's support desk (at a branch, the branch staff).
error-storage = SSA Desktop cannot reach its records (the database). Please try again in a few minutes. If this keeps happening, call your broker's support desk (at a branch, the branch staff).
error-operator-refused = The request was refused ({ $reason }).
error-records-refused = The file has lines that break its rules; nothing was written.
error-insecure-database-link = SSA Desktop will not reach the records at { $host } over the network without an encrypted connection whose certificate it can check. Nothing was sent. Please call your broker's support desk (at a branch, the branch staff): the database address needs sslmode=verify-full and the branch's certificate.
error-server-unreachable = SSA Desktop cannot reach the SSA server ({ $host }). Please check this computer's network connection and try again. Nothing was changed.
error-server-untrusted = SSA Desktop did not connect to { $host }: the server did not show a certificate this computer trusts, so it may not be your broker's SSA server. Nothing was sent. Please call your broker's support desk.
error-insecure-server-link = SSA Desktop will not reach the SSA server at { $host } without an encrypted connection (its address must begin with https://). Nothing was sent. Please call your broker's support desk.
error-server-busy = The SSA server has had too many requests from this computer. Please wait a minute and try again.
error-policy-refused = SSA Desktop will not start: the branch's kiosk policy ({ $path }) { $problem ->
        [not-owned-by-administrator] does not belong to the administrator
        [writable-by-others] could be changed by someone other than the administrator
        [unparsable] is not a valid policy file: { $detail }
        [idle-limit-out-of-range] sets an idle limit outside 30 to 3,600 seconds
        [database-and-server] names both a database and a server
        [empty-station] names an empty station
        [exports-on-kiosk] allows exports on a kiosk
        [insecure-server] names a server without https://
        [untrusted-server-ca] names a server CA file that is not the administrator's (or by a relative path)
        [no-station] names no station for the kiosk
       *[other] cannot be read
    }. Please call the branch staff.
error-internal = Something went wrong. Please try again.

## Field rules ($field is the field's name)
rule-required = Please enter { $field }.
rule-exact-length = { $field } must be exactly { $len } characters.
rule-length-between = { $field } must be { $min } to { $max } characters.
rule-digits-only = { $field } may contain digits 0-9 only.
rule-letters-and-digits-only = { $field } may contain letters A-Z, a-z and digits 0-9 only.
rule-full-width = { $field } contains full-width characters. Please switch your input method to half-width.
rule-participant-id-format = { $field } must be one letter followed by five digits, e.g. C00088.
rule-needs-letter = { $field } must contain at least one letter.
rule-needs-digit = { $field } must contain at least one digit.
rule-mismatch = { $field } does not match the password above.
rule-reused = { $field } must not be any of your last { $count } passwords.
rule-same-as-current = { $field } must differ from the current password.
rule-captcha-wrong = { $field } is not correct. A new code is shown.
rule-captcha-expired = { $field } has expired. A new code is shown.
rule-captcha-used = { $field } has already been used once. A new code is shown.
rule-captcha-paused = Too many wrong codes. Please wait { $seconds } seconds.
rule-taken = { $field } is already taken. Please choose another.

## Statements (spec 7.3)
menu-holdings = Holdings
menu-movements = Movements
menu-daily = Daily statements
menu-monthly = Monthly statements
new-movements = { $count ->
    [one] 1 new movement since your last login.
   *[other] { $count } new movements since your last login.
}
new-movements-link = Show the new movements
field-date = Date
field-from-date = From
field-to-date = To
field-month = Month
field-stock-code = Stock code
rule-date-format = { $field } must be a real day, written YYYY-MM-DD.
rule-month-format = { $field } must be a month, written YYYY-MM.
rule-from-after-to = { $field } must not be before the first day.
rule-stock-code-format = { $field } must be exactly 5 digits, e.g. 00700.
rule-too-long = { $field } can be at most { $max } characters long.
kind-bf = Balance brought forward
kind-cns = Settlement of exchange trades
kind-si = Settlement instruction transfer
kind-isi = Investor settlement instruction
kind-dep = Deposit of certificates
kind-wdl = Withdrawal of certificates
kind-ca = Corporate action entitlement
kind-adj = Adjustment
statements-back = Back to home
statements-show = Show
statements-loading = Loading…
col-stock-code = Stock code
col-stock-name = Stock name
col-balance = Balance
col-kind = Movement
col-in = In
col-out = Out
holdings-title = Holdings
holdings-with-zero = Show zero balances
holdings-count = Stocks shown:
holdings-empty = No holdings on this date.
holdings-open-stock = Open the chart and movements of { $code } { $name }
movements-title = Movements
movements-stock = Stock (code or any part of a name)
movements-new-only = Only the movements new since your last login
movements-total = Movements in this period:
page-of = Page { $page } of { $pages }
movements-empty = No movements in this period.
page-previous = Previous page
page-next = Next page
daily-title = Daily statements
daily-dates = Dates with a daily statement
daily-none = No daily statement in this month.
daily-choose = Choose a date above to see its statement.
daily-holidays = Public holidays this month (no settlement)
statement-date = Statement date
opening-balance = Opening balance
closing-balance = Closing balance
monthly-title = Monthly statement
monthly-as-at = Closing balances at
monthly-empty = No stock was held in this month.
stock-title = Stock { $code } { $name }
chart-title = Balance over time
chart-keys = Use the left and right arrow keys to read each change.
chart-empty = No balance in this period.
date-hint = Written YYYY-MM-DD, e.g. 2026-11-27
daily-statement = Daily statement
daily-statement-title = Daily statement: { $date }
monthly-statement-title = Monthly statement: { $month }
rule-too-many-to-export = The period holds more than { $max } movements, too many for one file. Please choose a shorter period.
error-export-failed = The file could not be saved. Please choose another folder or name.
error-export-no-font = This computer has no font with Chinese characters, so the PDF cannot be made. Please export CSV instead.
export-csv = Save as CSV
export-pdf = Save as PDF
export-saved = Saved: { $path }
pager-label = Pages of movements
