// The only file that talks to Rust. Every command is one call into the shell,
// which makes one call into ssa-core; a failure arrives as a UiError.
import { invoke } from "@tauri-apps/api/core";
import type { AppInfo } from "./bindings/AppInfo";
import type { CaptchaAudio } from "./bindings/CaptchaAudio";
import type { CaptchaImage } from "./bindings/CaptchaImage";
import type { CaptchaScreen } from "./bindings/CaptchaScreen";
import type { HomeView } from "./bindings/HomeView";
import type { Language } from "./bindings/Language";
import type { MessageBody } from "./bindings/MessageBody";
import type { NextStep } from "./bindings/NextStep";
import type { RegisteredUser } from "./bindings/RegisteredUser";
import type { SignedIn } from "./bindings/SignedIn";
import type { UiError } from "./bindings/UiError";
import type { HoldingsView } from "./bindings/HoldingsView";
import type { MovementsView } from "./bindings/MovementsView";
import type { MovementLine } from "./bindings/MovementLine";
import type { DailyStatementView } from "./bindings/DailyStatementView";
import type { MonthlyStatementView } from "./bindings/MonthlyStatementView";
import type { StatementHeaderView } from "./bindings/StatementHeaderView";
import type { StockLine } from "./bindings/StockLine";
import type { BalancePoint } from "./bindings/BalancePoint";
import type { MovementsRequest } from "./bindings/MovementsRequest";
import type { SeriesRequest } from "./bindings/SeriesRequest";
import type { ExportRequest } from "./bindings/ExportRequest";
import type { ExportFormat } from "./bindings/ExportFormat";
import type { WelcomeNotices } from "./bindings/WelcomeNotices";
import type { HolidayLine } from "./bindings/HolidayLine";
import type { ZoomStep } from "./bindings/ZoomStep";
import type { UpdateOffer } from "./bindings/UpdateOffer";

export type { UpdateOffer };
export type { AppInfo, CaptchaImage, CaptchaScreen, HomeView, HolidayLine, Language, MessageBody, NextStep, RegisteredUser, SignedIn, UiError, WelcomeNotices };
export type {
  ExportFormat,
  ExportRequest,
  BalancePoint,
  DailyStatementView,
  HoldingsView,
  MonthlyStatementView,
  MovementLine,
  MovementsRequest,
  MovementsView,
  SeriesRequest,
  StatementHeaderView,
  StockLine,
};

export interface RegistrationForm {
  basicUserId: string;
  participantId: string;
  ssaNumber: string;
  internetUserId: string;
  internetPassword: string;
  confirmInternetPassword: string;
  captchaId: string;
  captchaAnswer: string;
}

export interface ChangeBasicPasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmNewPassword: string;
  captchaId: string;
  captchaAnswer: string;
}

export interface ChangeInternetPasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmNewPassword: string;
}

export interface RecoveryForm {
  internetUserId: string;
  basicUserId: string;
  participantId: string;
  ssaNumber: string;
  basicPassword: string;
  newPassword: string;
  confirmNewPassword: string;
  captchaId: string;
  captchaAnswer: string;
}

export interface CancellationForm {
  internetUserId: string;
  password: string;
  captchaId: string;
  captchaAnswer: string;
}

export function isUiError(e: unknown): e is UiError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

export const api = {
  appInfo: () => invoke<AppInfo>("app_info"),
  setLanguage: (language: Language) => invoke<AppInfo>("set_language", { language }),
  zoom: (step: ZoomStep) => invoke<number>("zoom", { step }),
  checkUpdate: () => invoke<UpdateOffer | null>("check_update"),
  installUpdate: () => invoke<null>("install_update"),
  newCaptcha: (screen: CaptchaScreen) => invoke<CaptchaImage>("new_captcha", { screen }),
  refreshCaptcha: (screen: CaptchaScreen, oldId: string) => invoke<CaptchaImage>("refresh_captcha", { screen, oldId }),
  captchaAudio: (screen: CaptchaScreen, id: string) => invoke<CaptchaAudio>("captcha_audio", { screen, id }),
  submitRegistration: (form: RegistrationForm) => invoke<RegisteredUser>("submit_registration", { form }),
  confirmRegistration: (basicPassword: string) =>
    invoke<RegisteredUser>("confirm_registration", { basicPassword }),
  login: (internetUserId: string, password: string) => invoke<SignedIn>("login", { internetUserId, password }),
  changeBasicPassword: (form: ChangeBasicPasswordForm) => invoke<NextStep>("change_basic_password", { form }),
  changeInternetPassword: (form: ChangeInternetPasswordForm) =>
    invoke<NextStep>("change_internet_password", { form }),
  home: () => invoke<HomeView>("home"),
  openMessage: (id: number) => invoke<MessageBody>("open_message", { id }),
  /** Special maintenance windows to come and the next public holiday, in the chosen language. */
  welcomeNotices: () => invoke<WelcomeNotices>("welcome_notices"),
  /** A month's public holidays (YYYY-MM): days without settlement. */
  monthHolidays: (month: string) => invoke<HolidayLine[]>("month_holidays", { month }),
  holdings: (date: string, withZero: boolean) => invoke<HoldingsView>("holdings", { date, withZero }),
  movements: (request: MovementsRequest) => invoke<MovementsView>("movements", { request }),
  statementDates: (month: string) => invoke<string[]>("statement_dates", { month }),
  dailyStatement: (date: string) => invoke<DailyStatementView>("daily_statement", { date }),
  monthlyStatement: (month: string) => invoke<MonthlyStatementView>("monthly_statement", { month }),
  balanceSeries: (request: SeriesRequest) => invoke<BalancePoint[]>("balance_series", { request }),
  /**
   * Saves a statement where the investor chooses in the system's save dialog
   * (opened by Rust); where it went, or null when cancelled. Refused on a kiosk.
   */
  exportStatement: (what: ExportRequest, format: ExportFormat) => invoke<string | null>("export_statement", { what, format }),
  recoverInternetPassword: (form: RecoveryForm) => invoke<void>("recover_internet_password", { form }),
  checkCancellation: (form: CancellationForm) => invoke<string>("check_cancellation", { form }),
  confirmCancellation: () => invoke<void>("confirm_cancellation"),
  logout: () => invoke<void>("logout"),
  /** Forgets an unfinished registration (Confirm page) or cancellation (its confirm page). */
  abandonUnfinished: () => invoke<void>("abandon_unfinished"),
  /** Idle time passed: logs out any session (audited) and forgets unfinished steps. */
  endVisit: () => invoke<void>("end_visit"),
  /** Whether the session is alive, without counting as activity: the step due, or `session-ended`. */
  sessionAlive: () => invoke<NextStep>("session_alive"),
  openHkexWebsite: () => invoke<void>("open_hkex_website"),
  /** Start-up failed in the window: the shell logs `message` and answers where the log folder is. */
  reportStartupError: (message: string) => invoke<string>("report_startup_error", { message }),
};
