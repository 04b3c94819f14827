//! The steps an investor takes on the forms, each as one call: register,
//! log in, change passwords, lock out and unlock, pick a month.

use crate::app::App;
use crate::CODE;

/// An SSA basic account as demo mode or the operator provisions it.
#[derive(Debug, Clone, Copy)]
pub struct Account<'a> {
    pub basic_user_id: &'a str,
    pub participant_id: &'a str,
    pub ssa_number: &'a str,
    /// The initial CCASS Basic password.
    pub basic_password: &'a str,
}

/// The account demo mode provisions.
pub const DEMO: Account<'static> = Account {
    basic_user_id: "12345678",
    participant_id: "C00088",
    ssa_number: "01",
    basic_password: "11112222",
};

/// Opens New user registration from Welcome and submits the demo account's
/// details with `id`, `password` and the verification code `code`.
pub async fn submit_registration(app: &App, id: &str, password: &str, code: &str) {
    submit_registration_on(app, DEMO, id, password, code).await;
}

/// Opens New user registration from Welcome and submits `account`'s details
/// with `id`, `password` and the verification code `code`.
pub async fn submit_registration_on(
    app: &App,
    account: Account<'_>,
    id: &str,
    password: &str,
    code: &str,
) {
    app.click("#link-register").await;
    // Welcome has an Internet User ID field too: wait for the new screen.
    app.wait_for("#register-title").await;
    app.fill_account(account).await;
    app.fill("#internet-user-id", id).await;
    app.submit_registration_passwords(password, code).await;
}

/// Registers an Internet User ID for the demo account through the window.
pub async fn register(app: &App, id: &str, password: &str) {
    register_on(app, DEMO, id, password).await;
}

/// Registers an Internet User ID for `account` through the window.
pub async fn register_on(app: &App, account: Account<'_>, id: &str, password: &str) {
    submit_registration_on(app, account, id, password, CODE).await;
    app.confirm_registration(account.basic_password).await;
    // Wait for the Done page itself: Confirm shows the same details.
    app.wait_for("#done-title").await;
    assert_eq!(app.text("#show-internet-user-id").await, id);
    app.click("#continue").await;
}

impl App {
    /// On Welcome: logs in as `id` with `password`.
    pub async fn login(&self, id: &str, password: &str) {
        self.fill("#internet-user-id", id).await;
        self.fill("#internet-password", password).await;
        self.click("#login-submit").await;
    }

    /// Types `account`'s Basic User ID, Participant ID and SSA Number.
    pub async fn fill_account(&self, account: Account<'_>) {
        self.fill("#basic-user-id", account.basic_user_id).await;
        self.fill("#participant-id", account.participant_id).await;
        self.fill("#ssa-number", account.ssa_number).await;
    }

    /// On New user registration: types `password` twice and the
    /// verification code `code`, and submits.
    pub async fn submit_registration_passwords(&self, password: &str, code: &str) {
        self.fill("#internet-password", password).await;
        self.fill("#confirm-internet-password", password).await;
        self.fill("#captcha", code).await;
        self.click("#submit").await;
    }

    /// On the registration's Confirm page: types the Basic password and confirms.
    pub async fn confirm_registration(&self, basic_password: &str) {
        self.fill("#basic-password", basic_password).await;
        self.click("#confirm").await;
    }

    /// On Change CCASS Basic password: types `current`, `new` twice and the
    /// verification code, and submits.
    pub async fn change_basic_password(&self, current: &str, new: &str) {
        self.fill("#basic-password", current).await;
        self.fill("#new-basic-password", new).await;
        self.fill("#confirm-basic-password", new).await;
        self.fill("#captcha", CODE).await;
        self.click("#change").await;
    }

    /// Logs in as `id` for the first time and makes the forced Basic password
    /// change, from `account`'s initial password to 22223333.
    pub async fn first_login(&self, account: Account<'_>, id: &str, password: &str) {
        self.login(id, password).await;
        self.wait_for("#change-basic-title").await;
        self.change_basic_password(account.basic_password, "22223333")
            .await;
    }

    /// The message that the Basic password was changed, then Continue.
    pub async fn basic_password_changed(&self) {
        assert_eq!(
            self.text("#system-message-text").await,
            "Your CCASS Basic password has been changed."
        );
        self.click("#continue").await;
    }

    /// `id` registered on `account` and at home, its first login's Basic
    /// password change done.
    pub async fn at_home_on(&self, account: Account<'_>, id: &str) {
        register_on(self, account, id, "abcdefghij123").await;
        self.first_login(account, id, "abcdefghij123").await;
        self.click("#continue").await;
        self.wait_for("#menu-movements").await;
    }

    /// Five logins as `id` with the `wrong` password, each refused; then the
    /// `right` one is refused too, the ID locked.
    pub async fn lock_out(&self, id: &str, wrong: &str, right: &str) {
        for _ in 0..5 {
            self.login(id, wrong).await;
            self.text_when(".form-error", |t| !t.is_empty()).await;
        }
        self.login(id, right).await;
        let locked = self.text_when(".form-error", |t| !t.is_empty()).await;
        assert!(locked.contains("locked"), "{locked}");
    }

    /// Forgot Internet user password from Welcome: unlocks `id` on `account`
    /// with `new_password`, and continues to Welcome.
    pub async fn unlock_by_forgot_password(
        &self,
        account: Account<'_>,
        id: &str,
        new_password: &str,
    ) {
        self.click("#link-forgot").await;
        // Welcome has an Internet User ID field too: wait for the new screen.
        self.wait_for("#forgot-title").await;
        self.fill("#internet-user-id", id).await;
        self.fill_account(account).await;
        self.fill("#basic-password", account.basic_password).await;
        self.fill("#new-internet-password", new_password).await;
        self.fill("#confirm-new-internet-password", new_password)
            .await;
        self.fill("#captcha", CODE).await;
        self.click("#submit").await;
        assert!(self.text("#system-message-text").await.contains("unlocked"));
        self.click("#continue").await;
    }

    /// On a statement screen with a month list: picks `month` (as the
    /// select's value, by script) and shows it.
    pub async fn show_month(&self, month: &str) {
        self.wait_for("#month").await;
        self.script(&format!(
            "const s = document.getElementById('month'); s.value = '{month}'; return true;"
        ))
        .await;
        self.click("#enquiry-show").await;
    }
}
