/** Settings sections, in menu order: each a page whose heading is the menu link's name. */
export const SETTINGS_SECTIONS = [
  { href: "/dashboard/settings/password", title: "Change password", summary: "Your other sessions are signed out when it changes." },
  { href: "/dashboard/settings/email", title: "Change email", summary: "The new address applies once you open the link we send to it." },
  { href: "/dashboard/settings/two-factor", title: "Two-factor authentication", summary: "A code from an authenticator app as well as your password." },
  { href: "/dashboard/settings/passkeys", title: "Passkeys", summary: "Sign in with your device's screen lock instead of a password." },
  { href: "/dashboard/settings/connected-accounts", title: "Connected accounts", summary: "Sign in with GitHub, Google or your organisation's account." },
  { href: "/dashboard/settings/sessions", title: "Sessions", summary: "Where your account is signed in." },
  { href: "/dashboard/settings/activity", title: "Recent activity", summary: "Sign-ins and changes to your account." },
  { href: "/dashboard/settings/delete-account", title: "Delete account", summary: "Remove your account and all its data." },
] as const;

export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];
export const sectionAt = (href: SettingsSection["href"]) => SETTINGS_SECTIONS.find((s) => s.href === href)!;

/** The sections this installation has: "Connected accounts" only when an identity provider is configured. */
export const sectionsFor = ({ providers }: { providers: number }) =>
  SETTINGS_SECTIONS.filter((section) => providers > 0 || section.href !== "/dashboard/settings/connected-accounts");
