// Takes the screenshots in docs/screenshots/ from the built site with the
// department-scale sample loaded:  node tests/e2e/screenshots.mjs
// The DOCX report's first two pages are rendered by LibreOffice headless.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appReady, launchChromium, serveDist } from './browser.mjs';

const OUT = new URL('../../docs/screenshots/', import.meta.url).pathname;
const browser = await launchChromium();
const site = await serveDist();
try {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date('2025-08-14T09:00:00+07:00'));
  await page.goto(`${site.url}#/thiet-lap`);
  await appReady(page);
  page.once('dialog', (dialog) => dialog.accept());
  await page.locator('#load-sample').click();
  for (const [hash, name] of [
    ['#/tong-quan', 'tong-quan'],
    ['#/nhap-lieu', 'nhap-lieu'],
    ['#/thiet-lap', 'thiet-lap'],
    ['#/bao-cao', 'bao-cao'],
  ]) {
    await page.goto(site.url + hash);
    await appReady(page);
    if (name === 'tong-quan' || name === 'bao-cao') {
      // The whole page in one viewport: Tổng quan's long panels are drawn
      // only near the viewport (content-visibility), which a capture beyond
      // it does not move.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.setViewportSize({ width: 1280, height });
      await page.screenshot({ path: `${OUT}${name}.png` });
      await page.setViewportSize({ width: 1280, height: 900 });
    } else {
      await page.screenshot({ path: `${OUT}${name}.png` });
    }
    console.log(`${OUT}${name}.png`);
  }
  // The change history: the clerk picks her name, types a count and corrects
  // it; the TC1 formula on Tổng quan then says who corrected it and when.
  await page.goto(`${site.url}#/nhap-lieu`);
  await appReady(page);
  await page.locator('#entrant-picker').selectOption({ index: 2 });
  const unit = await page.locator('#unit-picker').inputValue();
  const typed = page.locator('#daily-grid input[data-row="0"][data-col="0"]');
  await typed.fill('30');
  await typed.press('Enter');
  await page.clock.setFixedTime(new Date('2025-08-14T14:03:00+07:00'));
  await typed.fill('31');
  await typed.press('Enter');
  await page.goto(`${site.url}#/tong-quan`);
  await appReady(page);
  const row = page.locator(`#ranking tr[data-unit="${unit}"]`);
  await row.locator('td[data-label="TC1"] details summary').click();
  await row.locator('p.history').waitFor();
  await row.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const cell = await row.locator('td[data-label="TC1"] details').boundingBox();
  const table = await page.locator('#ranking').boundingBox();
  await page.screenshot({
    path: `${OUT}lich-su.png`,
    clip: { x: table.x, y: cell.y - 100, width: table.width, height: 400 },
  });
  console.log(`${OUT}lich-su.png`);
  await page.goto(`${site.url}#/bao-cao`);
  await appReady(page);
  // The DOCX as LibreOffice shows it: pages 1 and 2 side by side.
  const downloading = page.waitForEvent('download');
  await page.locator('#docx-report').click();
  const dir = mkdtempSync(join(tmpdir(), 'thidua-shot-'));
  const docx = join(dir, 'bao-cao.docx');
  await (await downloading).saveAs(docx);
  execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`,
    '--convert-to', 'pdf', '--outdir', dir, docx], { timeout: 120_000, stdio: 'pipe' });
  execFileSync('pdftoppm', ['-r', '70', '-png', '-f', '1', '-l', '2', join(dir, 'bao-cao.pdf'), join(dir, 'page')]);
  const sheet = await context.newPage();
  await sheet.setViewportSize({ width: 1200, height: 840 });
  const image = (n) => `data:image/png;base64,${execFileSync('base64', ['-w0', join(dir, `page-${n}.png`)]).toString()}`;
  await sheet.setContent(`<body style="margin:0;background:#d9dee5;display:flex;gap:16px;justify-content:center;padding:12px">
    <img src="${image(1)}" style="box-shadow:0 1px 4px #0004"><img src="${image(2)}" style="box-shadow:0 1px 4px #0004"></body>`);
  await sheet.screenshot({ path: `${OUT}bao-cao-docx.png`, fullPage: true });
  console.log(`${OUT}bao-cao-docx.png`);

  // A division's own report, and the commendation dossier with the Council's
  // votes: the screen, then each document's first page as LibreOffice shows it.
  await page.goto(`${site.url}#/bao-cao-phong`);
  await appReady(page);
  await page.locator('#unit-report-document').waitFor();
  await page.screenshot({ path: `${OUT}bao-cao-phong.png` });
  console.log(`${OUT}bao-cao-phong.png`);
  await page.goto(`${site.url}#/khen-thuong`);
  await appReady(page);
  const nominees = page.locator('#dossier-nominees tbody tr');
  await nominees.first().waitFor();
  await page.locator('#council-present').fill('7');
  await page.locator('#council-present').press('Tab');
  for (let i = 0; i < (await nominees.count()); i += 1) {
    await nominees.nth(i).locator('input.votes').fill(i === 1 ? '3' : '6');
    await nominees.nth(i).locator('input.votes').press('Tab');
  }
  await page.locator('#dossier-director').fill('Bạch Văn Dương');
  await page.locator('#dossier-director').press('Tab');
  await page.locator('#dossier-document h1').waitFor();
  await page.screenshot({ path: `${OUT}khen-thuong.png` });
  console.log(`${OUT}khen-thuong.png`);
  const firstPages = [];
  for (const key of ['to-trinh', 'danh-sach', 'tom-tat-thanh-tich', 'bien-ban-hoi-dong', 'quyet-dinh-giay-khen']) {
    const got = page.waitForEvent('download');
    await page.locator(`#docx-${key}`).click();
    const dossierDir = mkdtempSync(join(tmpdir(), 'thidua-shot-'));
    const file = join(dossierDir, `${key}.docx`);
    await (await got).saveAs(file);
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dossierDir}/profile`,
      '--convert-to', 'pdf', '--outdir', dossierDir, file], { timeout: 120_000, stdio: 'pipe' });
    execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', join(dossierDir, `${key}.pdf`), join(dossierDir, 'page')]);
    const png = readdirSync(dossierDir).find((n) => n.startsWith('page') && n.endsWith('.png'));
    firstPages.push(`data:image/png;base64,${execFileSync('base64', ['-w0', join(dossierDir, png)]).toString()}`);
  }
  const dossierSheet = await context.newPage();
  await dossierSheet.setViewportSize({ width: 2100, height: 640 });
  await dossierSheet.setContent(`<body style="margin:0;background:#d9dee5;display:flex;gap:10px;justify-content:flex-start;padding:10px">
    ${firstPages.map((src) => `<img src="${src}" style="box-shadow:0 1px 4px #0004">`).join('')}</body>`);
  await dossierSheet.screenshot({ path: `${OUT}ho-so-khen-thuong.png`, fullPage: true });
  console.log(`${OUT}ho-so-khen-thuong.png`);

  // A laptop's width: the whole daily grid should fit.
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${site.url}#/nhap-lieu`);
  await appReady(page);
  await page.locator('#daily-grid').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${OUT}nhap-lieu-1366.png` });
  console.log(`${OUT}nhap-lieu-1366.png`);

  // A first visit: the start panel on an empty Tổng quan.
  const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  const freshPage = await fresh.newPage();
  await freshPage.clock.setFixedTime(new Date('2025-07-10T09:00:00+07:00'));
  await freshPage.goto(site.url);
  await appReady(freshPage);
  await freshPage.locator('#start-panel').waitFor();
  await freshPage.screenshot({ path: `${OUT}bat-dau.png` });
  console.log(`${OUT}bat-dau.png`);

  // A division imports its registers: the guessed mapping and the preview.
  const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
  const registers = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  const registerPage = await registers.newPage();
  await registerPage.goto(`${site.url}#/thiet-lap`);
  await appReady(registerPage);
  await registerPage.locator('#import-campaign').setInputFiles(`${FIXTURES}exchange/thiet-lap-phong-trao.json`);
  await registerPage.getByRole('button', { name: 'Dùng thiết lập này' }).click();
  await registerPage.goto(`${site.url}#/nhap-lieu`);
  await appReady(registerPage);
  await registerPage.locator('#unit-picker').selectOption({ label: 'Phòng Pháp chế' });
  await registerPage.locator('#register-files').setInputFiles(
    ['so-van-ban-den-phong-phap-che.xlsx', 'so-van-ban-di-phong-phap-che.xlsx', 'ho-so-cong-viec-phong-phap-che.csv'].map(
      (name) => `${FIXTURES}registers/${name}`,
    ),
  );
  await registerPage.locator('#register-preview').waitFor();
  await registerPage.locator('#register-import').screenshot({ path: `${OUT}nhap-so-van-ban.png` });
  console.log(`${OUT}nhap-so-van-ban.png`);

  // The Legal Division's import: two divisions' files, one with a conflict
  // (an officer renamed at the same revision, sealed again), one cut short,
  // one signed, one with a change history.
  const exchange = `${FIXTURES}exchange/`;
  const conflicting = JSON.parse(readFileSync(`${exchange}thidua-van-phong.json`, 'utf8'));
  conflicting.envelope.payload.officers[0].name = 'Phạm Minh Khánh (đổi tên)';
  const envelope = JSON.stringify(conflicting.envelope);
  const sha = createHash('sha256').update(envelope).digest('hex');
  const mergeDir = mkdtempSync(join(tmpdir(), 'thidua-shot-'));
  writeFileSync(
    join(mergeDir, 'thidua-van-phong-2025-08-15.json'),
    `{"format":"thidua-export","schema_version":2,"envelope_sha256":"${sha}","envelope":${envelope}}`,
  );
  writeFileSync(join(mergeDir, 'thidua-phong-ke-toan.json'), readFileSync(`${exchange}hostile/truncated.json`));
  await page.goto(`${site.url}#/hop-nhat`);
  await appReady(page);
  await page.locator('#import-files').setInputFiles([
    `${exchange}thidua-phong-phap-che.json`,
    join(mergeDir, 'thidua-van-phong-2025-08-15.json'),
    join(mergeDir, 'thidua-phong-ke-toan.json'),
    `${exchange}hostile/signed.json`,
    `${exchange}hostile/history.json`,
  ]);
  await page.locator('#conflicts li').waitFor();
  await page.locator('main').screenshot({ path: `${OUT}hop-nhat.png` });
  console.log(`${OUT}hop-nhat.png`);

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const phonePage = await phone.newPage();
  await phonePage.clock.setFixedTime(new Date('2025-08-14T09:00:00+07:00'));
  await phonePage.goto(`${site.url}#/thiet-lap`);
  await appReady(phonePage);
  phonePage.once('dialog', (dialog) => dialog.accept());
  await phonePage.locator('#load-sample').click();
  await phonePage.goto(`${site.url}#/tong-quan`);
  await appReady(phonePage);
  await phonePage.screenshot({ path: `${OUT}tong-quan-dien-thoai.png` });
  await phonePage.goto(`${site.url}#/nhap-lieu`);
  await appReady(phonePage);
  await phonePage.screenshot({ path: `${OUT}nhap-lieu-dien-thoai.png` });
  console.log(`${OUT}nhap-lieu-dien-thoai.png`);

  // Sao lưu: a backup taken on 22/07, a count changed, three days without a
  // file (the reminder on Tổng quan), then the backup picked for a restore.
  const backup = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
  const backupPage = await backup.newPage();
  await backupPage.clock.setFixedTime(new Date('2025-07-22T09:00:00+07:00'));
  await backupPage.goto(`${site.url}#/thiet-lap`);
  await appReady(backupPage);
  backupPage.once('dialog', (dialog) => dialog.accept());
  await backupPage.locator('#load-sample').click();
  const backupDownload = backupPage.waitForEvent('download');
  await backupPage.locator('#download-backup').click();
  const backupFile = join(mkdtempSync(join(tmpdir(), 'thidua-shot-')), 'thidua-sao-luu-2025-07-22.json');
  await (await backupDownload).saveAs(backupFile);
  await backupPage.clock.setFixedTime(new Date('2025-07-22T15:40:00+07:00'));
  await backupPage.goto(`${site.url}#/nhap-lieu`);
  const firstCell = backupPage.locator('#daily-grid input[data-row="0"][data-col="0"]');
  await firstCell.fill('17');
  await firstCell.press('Enter');
  await backupPage.clock.setFixedTime(new Date('2025-07-25T08:15:00+07:00'));
  await backupPage.goto(`${site.url}#/tong-quan`);
  await backupPage.reload();
  await appReady(backupPage);
  await backupPage.locator('#backup-reminder').waitFor();
  await backupPage.screenshot({ path: `${OUT}nhac-sao-luu.png` });
  console.log(`${OUT}nhac-sao-luu.png`);
  await backupPage.goto(`${site.url}#/thiet-lap`);
  await appReady(backupPage);
  await backupPage.locator('#restore-backup').setInputFiles(backupFile);
  await backupPage.locator('#restore-preview').waitFor();
  await backupPage.locator('#sao-luu').screenshot({ path: `${OUT}sao-luu.png` });
  console.log(`${OUT}sao-luu.png`);
} finally {
  await browser.close();
  await site.close();
}
