# SSA Desktop: English. Every key here exists in zh-HK and zh-CN too, with the
# same variables (a test checks).

## Formats (chrono patterns) for dates people read, in Hong Kong time.
date-format = %Y-%m-%d
date-time-format = %Y-%m-%d %H:%M:%S

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
action-show-password = Show
action-hide-password = Hide
loading = Please wait…

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
maintenance-weekdays-hours = 05:00 to 06:00
maintenance-sunday = Sunday
maintenance-sunday-hours = 00:00 to 07:00
demo-title = Demo mode
demo-intro = This demo SSA basic account was provisioned for you. Register an Internet User ID with it.
demo-basic-password = Initial CCASS Basic Password

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
hint-captcha = Type the characters in the picture (case sensitive)

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
col-subject = Subject
new-messages = Number of new messages
no-messages = There are no messages.
message-back = Back to messages
help-title = Help
help-intro = For questions or comments, you can:
help-broker = contact your broker or custodian;
help-hotline = call the SSA hotline 2979-7333 in office hours;
help-faq = read the FAQ.
menu-title = Menu
menu-change-internet = Change Internet password
menu-change-basic = Change CCASS Basic password
menu-logout = Logout

## Static pages
what-is-ssa-title = What is an SSA with statement service?
what-is-ssa-body = A Stock Segregated Account (SSA) is an account in CCASS that your broker or custodian opens for you, so that your shares are kept apart from the broker's own shares and from other investors'. With the statement service, HKSCC sends you statements of the shares in your SSA, so you have your own record to check against your broker's.
faq-title = FAQ
faq-q1 = Where do I get my CCASS Basic User ID and Basic Password?
faq-a1 = From your broker or custodian, when your SSA with statement service is opened.
faq-q2 = My Internet User ID is locked. What do I do?
faq-a2 = Use "Forgot Internet user password", or contact your broker or custodian.
faq-q3 = How often must I change my password?
faq-a3 = At least once every 90 days, and not to any of your last 5 passwords.

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
error-pepper-missing = SSA Desktop cannot start: the key that protects passwords is missing from this computer's keyring, but the database already holds accounts. Ask your administrator to restore it.
error-pepper-mismatch = SSA Desktop cannot start: the key in this computer's keyring does not belong to this database. Ask your administrator.
error-keyring = SSA Desktop cannot reach this computer's keyring ({ $detail }).
error-storage = The database cannot be reached. Please try again later.
error-operator-refused = The request was refused ({ $reason }).
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
rule-captcha-paused = Too many wrong codes. Please wait { $seconds } seconds.
rule-taken = { $field } is already taken. Please choose another.
