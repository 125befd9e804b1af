import Link from "next/link";
import { Button } from "@/components/ui/button";
import { getCurrentSession } from "@/lib/auth/session";
import { Icon } from "@/components/ui/icon";
import { APP_NAME } from "@/lib/site";

const FEATURES = [
  { icon: "icon-[lucide--shield-check]", title: "Secure by default", text: "bcrypt hashing, revocable sessions, strict headers." },
  { icon: "icon-[lucide--key-round]", title: "Your data stays yours", text: "Self-hosted end to end, on SQLite or PostgreSQL." },
  { icon: "icon-[lucide--zap]", title: "Fast to start", text: "One command to run, one to test." },
];

export default async function HomePage() {
  const session = await getCurrentSession();
  return (
    <div className="mx-auto flex max-w-3xl flex-col items-center gap-10 py-8 text-center">
      <div className="grid gap-4">
        <h1 className="text-4xl font-bold tracking-tight sm:text-5xl">Welcome to {APP_NAME}</h1>
        <p className="text-lg text-muted-foreground">
          The front door of your app: create an account, sign in, and get to work.
        </p>
      </div>
      {session ? (
        <Button asChild size="lg">
          <Link href="/dashboard">Go to your dashboard</Link>
        </Button>
      ) : (
        <div className="flex flex-wrap justify-center gap-3">
          <Button asChild size="lg">
            <Link href="/signup">Create account</Link>
          </Button>
          <Button asChild size="lg" variant="outline">
            <Link href="/login">Sign in</Link>
          </Button>
        </div>
      )}
      <ul className="grid w-full gap-4 text-left sm:grid-cols-3">
        {FEATURES.map(({ icon, title, text }) => (
          <li key={title} className="rounded-lg border bg-card p-5 shadow-sm">
            <Icon className={`${icon} mb-3 block size-5 text-primary`} />
            <h2 className="font-semibold">{title}</h2>
            <p className="mt-1 text-sm text-muted-foreground">{text}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
