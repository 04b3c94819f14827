-- The verification code's wrong-answer counters, per station and screen (spec 4:
-- five wrong codes in a row on one screen start a doubling pause; counters
-- survive a restart).
CREATE TABLE captcha_counters (
    station         TEXT    NOT NULL,
    screen          TEXT    NOT NULL,
    wrong_in_a_row  INTEGER NOT NULL DEFAULT 0,
    pauses          INTEGER NOT NULL DEFAULT 0,
    paused_until_ms INTEGER,
    PRIMARY KEY (station, screen)
);
