import type { Page } from "@playwright/test";
import { ageSessionsOf, findUser, insertUser, removePasswordOf } from "./fixtures/db";
import { codeFor, passwordStep, setUpTwoFactor } from "./fixtures/two-factor";
import { expect, newIp, newUser, openSettings, signIn, signOut, test } from "./fixtures/test";

// Passkeys in a real browser: Chromium's virtual authenticator (over CDP) plays the device: a
// platform authenticator with resident keys and user verification, which always says yes.

async function virtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    cdp,
    authenticatorId,
    /** Whether the device answers by itself, as a person touching it would. */
    answers: (enabled: boolean) => cdp.send("WebAuthn.setAutomaticPresenceSimulation", { authenticatorId, enabled }),
    credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials,
  };
}

async function addPasskey(page: Page, name: string) {
  await openSettings(page, "Passkeys");
  await page.getByLabel("Passkey name").fill(name);
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText("Your passkey is added. You can sign in with it.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Your passkeys" }).getByText(name)).toBeVisible();
}

async function signInWithPasskey(page: Page) {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
}

const passkeyRow = (page: Page, name: string) => page.getByRole("list", { name: "Your passkeys" }).getByRole("listitem").filter({ hasText: name });

test("add a passkey in settings, sign in with it alone, and remove it: a removed passkey no longer signs in", async ({
  page,
  user,
  mail,
}) => {
  const device = await virtualAuthenticator(page);
  await signIn(page, user.username, user.password);
  const started = new Date(Date.now() - 1000);
  await addPasskey(page, "Work laptop");
  await expect(passkeyRow(page, "Work laptop")).toContainText("Not used yet");
  expect(await device.credentials()).toHaveLength(1);
  const added = await mail({ to: user.email, subject: /A passkey was added/, after: started });
  expect(added.text).toContain("“Work laptop”");

  await signOut(page);
  await signInWithPasskey(page);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText(`Welcome, ${user.username}`)).toBeVisible();
  await openSettings(page, "Sessions");
  await expect(page.getByText(/Signed in with a passkey/)).toBeVisible();
  await openSettings(page, "Passkeys");
  await expect(passkeyRow(page, "Work laptop")).toContainText("Last used");

  await passkeyRow(page, "Work laptop").getByRole("button", { name: "Remove Work laptop" }).click();
  await expect(page.getByText("The passkey is removed.")).toBeVisible();
  await expect(page.getByText("You have no passkeys yet.")).toBeVisible();
  await mail({ to: user.email, subject: /A passkey was removed/, after: started });

  // The device still holds the key, but the account no longer knows it.
  await signOut(page);
  expect(await device.credentials()).toHaveLength(1);
  await signInWithPasskey(page);
  await expect(page.getByText("Sign-in with a passkey did not complete. Please try again.")).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
});

test("a passkey needs a name; nothing is asked of the device or stored without one", async ({ page, user }) => {
  const device = await virtualAuthenticator(page);
  await signIn(page, user.username, user.password);
  await openSettings(page, "Passkeys");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText("Name this passkey")).toBeVisible();
  await expect(page.getByLabel("Passkey name")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Passkey name").fill("   ");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText("Name this passkey")).toBeVisible();
  await expect(page.getByLabel("Passkey name")).toHaveAttribute("maxlength", "64");
  expect(await device.credentials()).toHaveLength(0);
  await page.reload();
  await expect(page.getByText("You have no passkeys yet.")).toBeVisible();
});

test("adding a passkey to a session that is not fresh asks for the current password", async ({ page, user }) => {
  const device = await virtualAuthenticator(page);
  await signIn(page, user.username, user.password);
  // As if this sign-in were an hour old (say, a browser left signed in on a shared machine).
  await ageSessionsOf((await findUser(user.username))!.id, 60);
  await openSettings(page, "Passkeys");
  await page.getByLabel("Passkey name").fill("Planted");
  await page.getByLabel("Current password").fill("not my password");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText("Your current password is not correct")).toBeVisible();
  expect(await device.credentials()).toHaveLength(0);

  await page.getByLabel("Current password").fill(user.password);
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText("Your passkey is added. You can sign in with it.")).toBeVisible();
  expect(await device.credentials()).toHaveLength(1);
});

test("with two-factor on, a passkey can be the second step, and only the account's own passkey", async ({ page, browser, user }) => {
  const device = await virtualAuthenticator(page);
  await signIn(page, user.username, user.password);
  await setUpTwoFactor(page);
  await addPasskey(page, "Phone");
  await signOut(page);

  // The person types their password instead of picking the passkey that autofill offers.
  await device.answers(false);
  await passwordStep(page, user);
  await device.answers(true);
  await expect(page.getByText("or enter a code")).toBeVisible();
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText(`Welcome, ${user.username}`)).toBeVisible();
  await signOut(page);

  // Another person, with two-factor and a passkey of their own, on a device that also holds the
  // first account's passkey: at their second step, only a passkey of their own account counts.
  const other = newUser();
  await insertUser(other);
  const otherContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": newIp() } });
  const otherPage = await otherContext.newPage();
  const otherDevice = await virtualAuthenticator(otherPage);
  await signIn(otherPage, other.username, other.password);
  const { secret: otherSecret } = await setUpTwoFactor(otherPage);
  await addPasskey(otherPage, "Other phone");
  await signOut(otherPage);
  for (const credential of await otherDevice.credentials()) {
    await otherDevice.cdp.send("WebAuthn.removeCredential", { authenticatorId: otherDevice.authenticatorId, credentialId: credential.credentialId });
  }
  for (const credential of await device.credentials()) {
    await otherDevice.cdp.send("WebAuthn.addCredential", { authenticatorId: otherDevice.authenticatorId, credential });
  }
  await otherDevice.answers(false);
  await passwordStep(otherPage, other);
  await otherDevice.answers(true);
  // A hand-written client would not pass the server's list of allowed passkeys to the device.
  await otherPage.evaluate(() => {
    const get = navigator.credentials.get.bind(navigator.credentials);
    navigator.credentials.get = (options?: CredentialRequestOptions) => {
      if (options?.publicKey) options.publicKey.allowCredentials = [];
      return get(options);
    };
  });
  await otherPage.getByRole("button", { name: "Use a passkey" }).click();
  await expect(otherPage.getByText("Sign-in with a passkey did not complete. Please try again.")).toBeVisible();
  await expect(otherPage).toHaveURL(/\/login\/two-factor$/);
  // The refused passkey did not end the pending sign-in: a code from the app still completes it.
  // (The next time step's code: the current one was used to turn two-factor on.)
  await otherPage.getByLabel("Code").fill(codeFor(otherSecret, 1));
  await otherPage.getByRole("button", { name: "Verify" }).click();
  await expect(otherPage).toHaveURL(/\/dashboard$/);
  await expect(otherPage.getByText(`Welcome, ${other.username}`)).toBeVisible();
  await otherContext.close();
});

test("passkey autofill: the \"Email or username\" field offers the device's passkey and signs in with it", async ({ page, user }) => {
  const device = await virtualAuthenticator(page);
  await signIn(page, user.username, user.password);
  await addPasskey(page, "Laptop");
  // The same device cannot hold two passkeys of one account: it says so, and nothing is stored.
  await page.getByLabel("Passkey name").fill("Laptop again");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText("This device or password manager already has a passkey for your account.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Your passkeys" }).getByRole("listitem")).toHaveCount(1);
  await signOut(page);
  expect(await device.credentials()).toHaveLength(1);

  await page.goto("/login");
  await expect(page.getByLabel("Email or username")).toHaveAttribute("autocomplete", "username webauthn");
  // Focusing the field starts a conditional request; the virtual device answers it as a person
  // picking the passkey from the autofill list would.
  await page.getByLabel("Email or username").focus();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText(`Welcome, ${user.username}`)).toBeVisible();
  await openSettings(page, "Sessions");
  await expect(page.getByText(/Signed in with a passkey/)).toBeVisible();
});

test("without a password, a passkey confirms it is you for a sensitive change once the sign-in is not recent", async ({ page, user }) => {
  await virtualAuthenticator(page);
  await signIn(page, user.username, user.password);
  await addPasskey(page, "Laptop");
  const userId = (await findUser(user.username))!.id;
  // An account that came through an identity provider has no password; this sign-in is an hour old.
  await removePasswordOf(userId);
  await ageSessionsOf(userId, 60);

  await openSettings(page, "Delete account");
  const notice = page.getByText("For your security, confirm it is you before you change your email, turn two-factor off or delete your account.");
  await expect(notice).toBeVisible();
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Delete account" }) });
  await expect(form.getByLabel("Current password")).toHaveCount(0);
  await form.getByLabel("Type your username to confirm").fill(user.username);
  await form.getByRole("button", { name: "Delete account" }).click();
  await expect(form.getByText("For your security, sign in again to delete your account.")).toBeVisible();
  expect(await findUser(user.username)).toBeDefined();

  await page.getByRole("button", { name: "Confirm with a passkey" }).click();
  await expect(notice).toHaveCount(0);
  await form.getByLabel("Type your username to confirm").fill(user.username);
  await form.getByRole("button", { name: "Delete account" }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(await findUser(user.username)).toBeUndefined();
});

test("turning two-factor off: a passkey can stand in for the code, the password is still asked", async ({ page, user, mail }) => {
  await virtualAuthenticator(page);
  await signIn(page, user.username, user.password);
  await setUpTwoFactor(page);
  await addPasskey(page, "Laptop");
  const started = new Date(Date.now() - 1000);

  await openSettings(page, "Two-factor authentication");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Turn off two-factor authentication" }) });
  await form.getByRole("button", { name: "Use a passkey instead of a code" }).click();
  await expect(form.getByText("Confirmed with your passkey: no code needed.")).toBeVisible();
  await expect(form.getByLabel("Code from your app or a recovery code")).toHaveCount(0);
  await form.getByLabel("Current password").fill("not my password");
  await form.getByRole("button", { name: "Turn off two-factor authentication" }).click();
  await expect(form.getByText("Your current password is not correct")).toBeVisible();
  await form.getByLabel("Current password").fill(user.password);
  await form.getByRole("button", { name: "Turn off two-factor authentication" }).click();
  await expect(page.getByRole("button", { name: "Set up authenticator app" })).toBeVisible();
  await mail({ to: user.email, subject: /Two-factor sign-in was turned off/, after: started });
});
