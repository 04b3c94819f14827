//! What the investor reads after login and on Welcome: Home, its messages,
//! and Welcome's maintenance and holiday notices, in the chosen language.

use super::*;

impl AppState {
    pub async fn home(&self) -> Result<HomeView, UiError> {
        let home = self.with_session(async |b, s| b.home(s).await).await?;
        let lang = self.language();
        let l = &self.localizer;
        let last_login = match home.previous_login_at {
            Some(t) => {
                let mut args = fluent_bundle::FluentArgs::new();
                args.set("time", crate::format::date_time(lang, t));
                l.text(lang, "last-login", Some(&args))
            }
            None => l.text(lang, "first-login", None),
        };
        let password_expiry = home.password_expires_in_days.map(|days| {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("days", days);
            l.text(lang, "password-expiry", Some(&args))
        });
        Ok(HomeView {
            basic_user_id: home.basic_user_id,
            internet_user_id: home.internet_user_id,
            last_login,
            password_expiry,
            messages: home
                .messages
                .into_iter()
                .map(|m| MessageRow {
                    id: m.id,
                    date: crate::format::date(lang, m.posted_at),
                    reference: m.reference,
                    subject: m.subject.get(lang.core()).to_owned(),
                    read: m.read,
                })
                .collect(),
            unread: home.unread,
            new_movements: home.new_movements,
            new_movements_text: (home.new_movements > 0).then(|| {
                let mut args = fluent_bundle::FluentArgs::new();
                args.set("count", home.new_movements);
                l.text(lang, "new-movements", Some(&args))
            }),
        })
    }

    /// What Welcome's timetable adds to the weekly windows: the special
    /// windows to come and the next public holiday, in the chosen language.
    pub async fn welcome_notices(&self) -> Result<WelcomeNotices, UiError> {
        let backend = self.backend()?;
        let (l, lang) = (&self.localizer, self.language());
        let windows = backend
            .upcoming_maintenance()
            .await
            .map_err(|e| self.error(&e))?;
        let holiday = backend
            .next_public_holiday()
            .await
            .map_err(|e| self.error(&e))?;
        Ok(WelcomeNotices {
            special_windows: windows
                .into_iter()
                .map(|w| {
                    let mut args = fluent_bundle::FluentArgs::new();
                    args.set("start", crate::format::date_time(lang, w.starts_at));
                    args.set("end", crate::format::date_time(lang, w.ends_at));
                    l.text(lang, "maintenance-special-item", Some(&args))
                })
                .collect(),
            next_holiday: holiday.map(|h| {
                let mut args = fluent_bundle::FluentArgs::new();
                args.set("date", crate::format::day(lang, h.day));
                args.set("name", h.name.get(lang.core()).to_owned());
                l.text(lang, "maintenance-next-holiday", Some(&args))
            }),
        })
    }

    pub async fn open_message(&self, id: i64) -> Result<MessageBody, UiError> {
        let body = self
            .with_session(async |b, s| b.open_message(s, id).await)
            .await?;
        Ok(MessageBody {
            date: crate::format::date(self.language(), body.posted_at),
            reference: body.reference,
            subject: body.subject.get(self.language().core()).to_owned(),
            body: body.body.get(self.language().core()).to_owned(),
        })
    }
}
