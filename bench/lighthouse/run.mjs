// One Lighthouse run for bench/lighthouse.py: node run.mjs URL COOKIES_JSON OUTPUT.
// Chromium (CHROME_PATH) is started by puppeteer with the session's cookies in its cookie jar,
// so that every request the page makes (its scripts' fetches of map tiles included) is signed
// in; Lighthouse's --extra-headers Cookie reaches the document but not those fetches once
// the site has set a cookie of its own. Lighthouse's default settings otherwise: the mobile
// form factor with simulated throttling.
import fs from "node:fs";
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";

const [url, cookiesJson, output, categories] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  headless: true, // the new headless mode, as --headless=new
  args: ["--no-sandbox"],
});
try {
  const origin = new URL(url);
  await browser.setCookie(
    ...JSON.parse(cookiesJson).map(([name, value]) => ({
      name, value, domain: origin.hostname, path: "/", httpOnly: true, sameSite: "Lax",
    })),
  );
  const page = await browser.newPage();
  const result = await lighthouse(
    url,
    { output: "json", logLevel: "error", onlyCategories: categories.split(","), maxWaitForLoad: 60000 },
    undefined,
    page,
  );
  fs.writeFileSync(output, result.report);
} finally {
  await browser.close();
}
