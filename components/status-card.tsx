import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** The page of an HTTP error status (403, 404, 401): what happened, and one way on. */
export function StatusCard({ title, text, href, linkText }: { title: string; text: string; href: string; linkText: string }) {
  return (
    <Card className="mx-auto w-full max-w-md">
      <CardHeader>
        <CardTitle as="h1">{title}</CardTitle>
        <CardDescription>{text}</CardDescription>
      </CardHeader>
      <CardContent>
        <Link href={href} className="text-sm font-medium text-primary underline-offset-4 hover:underline">
          {linkText}
        </Link>
      </CardContent>
    </Card>
  );
}
