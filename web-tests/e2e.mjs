// Browser end-to-end test of the presslens web viewer, in headless Debian Chromium.
//
// usage: node e2e.mjs PRESSLENS_BIN OUT_DIR
//   OUT_DIR must hold results.jsonl (the example article and hostile.txt, analysed) and
//   static.html (`presslens analyze --format html` of the same); run.sh makes both.
//
// Starts `presslens serve --port 0` on loopback, checks the article view of the example
// (highlights, panels, hover details, source focus, a non-blank screenshot), pastes a hostile
// article into the paste box and checks that nothing in it runs, checks the static page the same
// way, checks that an oversized paste gets 413, then stops the server. Ends with the line
// "N passed, N failed" and exits non-zero if anything failed.

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { pngStats } from "./png.mjs";

const [bin, outDir] = process.argv.slice(2);
if (!bin || !outDir) {
  console.error("usage: node e2e.mjs PRESSLENS_BIN OUT_DIR");
  process.exit(2);
}
const EXAMPLE_ID = "rt-2016-12-24-assad-thanks-putin-aleppo.txt";
const HOSTILE = readFileSync(new URL("./hostile.txt", import.meta.url), "utf8");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

let passed = 0, failed = 0;
function check(name, ok, detail = "") {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail ? ": " + detail : ""}`); }
}

/** Starts the server on a free loopback port; resolves with { proc, base }. */
function startServer() {
  return new Promise((resolveStart, rejectStart) => {
    const proc = spawn(bin, ["serve", "--results", join(outDir, "results.jsonl"), "--port", "0", "--bind", "127.0.0.1"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let buf = "";
    const timer = setTimeout(() => { proc.kill("SIGTERM"); rejectStart(new Error("server did not start within 120 s")); }, 120000);
    proc.stdout.on("data", (d) => {
      buf += d.toString();
      const m = buf.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolveStart({ proc, base: m[1] }); }
    });
    proc.on("exit", (code) => { clearTimeout(timer); rejectStart(new Error(`server exited early with ${code}`)); });
  });
}

/** Asserts that a loaded page executed nothing from the hostile article. */
async function checkInert(page, label, dialogs) {
  const report = await page.evaluate(() => ({
    imgs: document.querySelectorAll("img").length,
    iframes: document.querySelectorAll("iframe").length,
    svgs: document.querySelectorAll("svg").length,
    links: Array.from(document.querySelectorAll("a[href]")).filter((a) => /^javascript:/i.test(a.getAttribute("href") || "")).length,
    handlers: Array.from(document.querySelectorAll("*")).filter((el) => Array.from(el.attributes).some((a) => /^on/i.test(a.name))).length,
    bolds: Array.from(document.querySelectorAll("main b")).filter((b) => b.textContent === "this").length,
    scripts: document.scripts.length,
    text: document.body.innerText,
  }));
  check(`${label}: no dialog fired`, dialogs.length === 0, dialogs.join(" | "));
  check(`${label}: no injected img/iframe/svg`, report.imgs + report.iframes + report.svgs === 0, JSON.stringify(report).slice(0, 200));
  check(`${label}: no javascript: link or on* attribute`, report.links === 0 && report.handlers === 0, `${report.links} links, ${report.handlers} handlers`);
  check(`${label}: no injected <b>`, report.bolds === 0);
  check(`${label}: only the page's own two scripts`, report.scripts === 2, `${report.scripts} scripts`);
  check(`${label}: payload shown as text`, report.text.includes("<script>alert(1)</script>") && report.text.includes("<img src=x onerror=alert(1)>"));
}

async function main() {
  const { proc, base } = await startServer();
  console.log(`server at ${base}`);
  const userDataDir = mkdtempSync(join(tmpdir(), "presslens-web-chromium-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 1800 },
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    const page = context.pages()[0] || (await context.newPage());
    const dialogs = [];
    const errors = [];
    page.on("dialog", async (d) => { dialogs.push(`${d.type()}: ${d.message()}`); await d.dismiss().catch(() => {}); });
    page.on("pageerror", (e) => errors.push(String(e)));

    // 1. Home page.
    let resp = await page.goto(`${base}/`);
    check("home page loads", resp && resp.status() === 200);
    check("home page has the paste box", (await page.locator("#paste-text").count()) === 1);
    check("home page lists the example", (await page.locator(`a.hit[href="/article/${EXAMPLE_ID}"]`).count()) === 1);

    // 2. The example article.
    resp = await page.goto(`${base}/article/${EXAMPLE_ID}`);
    check("article page loads", resp && resp.status() === 200);
    const stats = await page.evaluate(() => {
      const keys = new Set();
      document.querySelectorAll(".text .h.q[data-k]").forEach((s) => s.getAttribute("data-k").split(" ").forEach((k) => { if (/-a\d+$/.test(k)) keys.add(k); }));
      return {
        quotes: keys.size,
        cues: document.querySelectorAll(".text .h.cue").length,
        sources: Array.from(document.querySelectorAll(".panel.sources tbody tr")).map((r) => r.innerText),
        timeline: document.querySelectorAll(".panel.timeline tr").length,
        figures: document.querySelectorAll(".panel.figures tbody tr").length,
        timexes: document.querySelectorAll(".text .h.tx").length,
        entities: document.querySelectorAll(".text .h.ent").length,
      };
    });
    check("at least 5 highlighted statements", stats.quotes >= 5, `${stats.quotes}`);
    check("cues marked", stats.cues >= 5, `${stats.cues}`);
    check("sources panel lists SANA", stats.sources.some((t) => t.includes("SANA")), stats.sources.join(" / "));
    check("sources panel lists Putin", stats.sources.some((t) => t.includes("Putin")), stats.sources.join(" / "));
    check("timeline has dates", stats.timeline >= 3, `${stats.timeline}`);
    check("figures panel has figures", stats.figures >= 1, `${stats.figures}`);
    check("dates and entities highlighted", stats.timexes >= 3 && stats.entities >= 10, JSON.stringify(stats).slice(0, 120));

    // Hover on a relayed statement shows its chain.
    await page.locator(".text .h.q.relayed").first().hover();
    const detail = await page.locator("#pl-detail").innerText();
    check("hover shows statement details", await page.locator("#pl-detail").isVisible() && /said/.test(detail), detail.slice(0, 120));
    check("hover shows the relay chain", /relayed via/.test(detail), detail.slice(0, 200));

    // Clicking a source picks out its statements.
    await page.locator(".panel.sources tr.srcrow", { hasText: "SANA" }).click();
    const on = await page.locator(".text .h.on").count();
    check("clicking SANA focuses its statements", on > 0 && (await page.locator("section.article.focusing").count()) === 1, `${on}`);
    await page.keyboard.press("Escape");

    const shot = join(outDir, "article.png");
    const png = await page.screenshot({ path: shot, fullPage: false });
    const s = pngStats(png);
    check("screenshot is not blank", s.stddev > 10 && s.colours > 50, JSON.stringify(s));
    console.log(`screenshot ${shot}: ${s.width}x${s.height}, luminance stddev ${s.stddev.toFixed(1)}, ${s.colours} colours`);

    // 3. Search page.
    resp = await page.goto(`${base}/search?q=Aleppo`);
    check("search finds the example", resp && resp.status() === 200 && (await page.locator(`a.hit[href="/article/${EXAMPLE_ID}"]`).count()) === 1);

    // 3b. Search filters: statements by one source, through the form, linking to the highlighted hit.
    resp = await page.goto(`${base}/search`);
    check("search form loads", resp && resp.status() === 200 && (await page.locator("#search-form select[name=kind]").count()) === 1);
    await page.locator("#f-source").fill("SANA");
    await Promise.all([page.waitForURL(/\/search\?.*source=SANA/), page.locator("#f-submit").click()]);
    const found = await page.evaluate(() => ({
      count: (document.getElementById("hit-count") || {}).textContent || "",
      articles: Array.from(document.querySelectorAll("a.hit")).map((a) => a.getAttribute("href")),
      evidence: Array.from(document.querySelectorAll("a.ev-link")).map((a) => ({ href: a.getAttribute("href"), text: a.textContent })),
      kept: (document.getElementById("f-source") || {}).value,
    }));
    check("source filter keeps only the example", found.articles.length === 1 && found.articles[0] === `/article/${EXAMPLE_ID}`, JSON.stringify(found.articles));
    check("source filter lists SANA's statements", found.evidence.length >= 1 && found.evidence.every((e) => /\?hl=\d+-\d+$/.test(e.href)), JSON.stringify(found.evidence).slice(0, 300));
    check("filter value kept in the form", found.kept === "SANA", found.kept);
    if (found.evidence.length > 0) {
      await Promise.all([page.waitForURL(/\/article\/.*\?hl=/), page.locator("a.ev-link").first().click()]);
      const marked = await page.evaluate(() => Array.from(document.querySelectorAll(".text .h.hit")).map((s) => s.textContent).join(""));
      const want = found.evidence[0].text.replace(/…$/, "");
      check("evidence link highlights the statement", marked.length > 0 && marked.startsWith(want), `${marked.slice(0, 80)} | ${want.slice(0, 80)}`);
    }
    // A hostile filter value is shown as text, never run.
    const payload = '"><script>alert(7)</script><img src=x onerror=alert(8)>';
    resp = await page.goto(`${base}/search?outlet=${encodeURIComponent(payload)}&kind=${encodeURIComponent("<b>x</b>")}`);
    const echo = await page.evaluate(() => ({
      value: (document.getElementById("f-outlet") || {}).value,
      scripts: document.scripts.length,
      imgs: document.querySelectorAll("img").length,
      bolds: document.querySelectorAll("main b").length,
    }));
    check("hostile filter values are escaped", resp && resp.status() === 200 && echo.value === payload && echo.scripts === 2 && echo.imgs === 0 && echo.bolds === 0 && dialogs.length === 0, JSON.stringify(echo));

    // 4. A hostile article pasted into the paste box.
    await page.goto(`${base}/`);
    await page.locator("#paste-text").fill(HOSTILE);
    await Promise.all([page.waitForURL(`${base}/analyze`), page.locator("#paste-submit").click()]);
    check("pasted article analysed", (await page.locator("section.article .text").count()) === 1);
    await page.locator(".text .h").first().hover().catch(() => {});
    await checkInert(page, "pasted hostile article", dialogs);

    // 5. The same hostile article from the results file, and the static page.
    await page.goto(`${base}/article/hostile.txt`);
    await checkInert(page, "stored hostile article", dialogs);
    await page.goto("file://" + resolve(outDir, "static.html"));
    check("static page has two articles", (await page.locator("section.article").count()) === 2);
    const staticQuotes = await page.locator("#article-0 .text .h.q").count();
    check("static page highlights statements", staticQuotes >= 5, `${staticQuotes}`);
    await checkInert(page, "static page", dialogs);
    check("no script errors", errors.length === 0, errors.join(" | "));

    // 6. An oversized paste is refused with 413.
    const big = await fetch(`${base}/analyze`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "text=" + "a".repeat(3 * 1024 * 1024),
    }).then((r) => r.status).catch((e) => String(e));
    check("oversized paste gets 413", big === 413, `${big}`);
  } finally {
    if (context) await context.close().catch(() => {});
    proc.kill("SIGTERM");
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (e) {
  failed++;
  console.log(`FAIL unexpected error: ${e && e.stack ? e.stack : e}`);
}
console.log(`web: ${passed} passed, ${failed} failed`);
writeFileSync(join(outDir, "summary.txt"), `${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
