// Deadlines by the reader's clock: the 紧急信息 board, the year and event pages and the home
// page's banner say "还剩…" or "逾期…" for what is due. The page carries each due moment
// (data-bl-due, in the office's time zone) and the moment it was built (data-bl-built); this
// script recomputes, every 15 seconds, what the build computed (bulletin.figures.timeliness:
// overdue once the clock is past the due moment; whole minutes, rounded down), so a page left
// open, or read hours after the build, is right for the reader's moment. It assumes the
// reader's clock is right; a clock behind the build moment cannot be (the page was built
// later): the page keeps the build's figures and says so. Without this script the page shows
// the build's figures, under "截至…（网页生成时）".
(() => {
  const built = document.querySelector("[data-bl-built]");
  const items = document.querySelectorAll("[data-bl-due]");
  if (!built || !items.length) return;
  const builtAt = Date.parse(built.dataset.blBuilt);
  const OFFICE = 8 * 60 * 60 * 1000; // China Standard Time, UTC+8, no daylight saving
  const STALE = 30; // minutes after the build from which the page says its reports may be out of date

  // 45分, 2小时, 1小时15分, 2天3小时5分 (bulletin.labels.format_minutes)
  const span = (minutes) => {
    const whole = Math.max(0, minutes);
    const days = Math.floor(whole / 1440);
    const hours = Math.floor((whole % 1440) / 60);
    const rest = whole % 60;
    return (days ? `${days}天` : "") + (hours ? `${hours}小时` : "") + (rest ? `${rest}分` : "") || "0分";
  };
  // 2026年12月8日 09:05 in the office's time zone, whatever the reader's (bulletin.labels.format_moment)
  const moment = (ms) => {
    const t = new Date(ms + OFFICE);
    const two = (n) => String(n).padStart(2, "0");
    return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}`;
  };
  const setClass = (element, name, on) => name && element.classList.toggle(name, on);

  const update = () => {
    const clock = Date.now();
    const behind = clock < builtAt;
    const now = Math.floor((behind ? builtAt : clock) / 60000) * 60000; // to the minute, as the build
    for (const item of items) {
      const due = Date.parse(item.dataset.blDue);
      if (Number.isNaN(due)) continue;
      const overdue = now > due;
      const minutes = Math.floor((due - now) / 60000);
      setClass(item, item.dataset.blBad, overdue);
      for (const left of item.querySelectorAll("[data-bl-left]")) {
        left.textContent = overdue ? `逾期${span(-minutes)}` : `还剩${span(minutes)}`;
        left.classList.toggle("bl-status--bad", overdue);
        left.classList.toggle("bl-status--due", !overdue);
      }
      for (const step of item.querySelectorAll("[data-bl-step]")) {
        step.textContent = overdue ? "缺报" : "待报";
        step.classList.toggle("bl-status--bad", overdue);
        step.classList.toggle("bl-status--due", !overdue);
      }
      for (const flag of item.querySelectorAll("[data-bl-flag]")) flag.textContent = overdue ? "逾期" : "";
      // A report that fell due since the build is one more 缺报 (the event page's counts).
      if ("blMissingPoints" in item.dataset) {
        for (const count of item.querySelectorAll("[data-bl-missing], [data-bl-points]")) {
          if (!("blBase" in count.dataset)) count.dataset.blBase = count.textContent;
          const base = Number(count.dataset.blBase);
          const add = "blPoints" in count.dataset ? Number(item.dataset.blMissingPoints) : 1;
          count.textContent = String(overdue ? base + add : base);
        }
      }
    }
    for (const count of document.querySelectorAll("[data-bl-overdue-count]")) {
      const region = count.closest("[data-bl-region]") || document;
      count.textContent = String(
        [...region.querySelectorAll("[data-bl-due]")].filter((item) => now > Date.parse(item.dataset.blDue)).length,
      );
    }
    // A page read long after its build (left open, or not rebuilt): the reports filed since are
    // not in it, whatever the clock says; it says so, from half an hour on.
    const age = Math.floor((now - Math.floor(builtAt / 60000) * 60000) / 60000);
    const stale = age >= STALE ? `；网页生成已过${span(age)}，其后报送的报告和登记的事件不在其中，请刷新页面看最新情况` : "";
    for (const note of document.querySelectorAll("[data-bl-clock]")) {
      note.textContent = behind
        ? `；本机时钟（${moment(clock)}）早于网页生成时间，仍按生成时计算`
        : `；“还剩”“逾期”已按本机时钟（${moment(clock)}）更新${stale}`;
      note.hidden = false;
    }
  };
  update();
  setInterval(update, 15000);
})();
