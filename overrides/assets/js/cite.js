/* A case page's "อ้างอิงผลงานนี้" (macros/casepage.cite_section): the copy buttons (the permanent
 * link, the Thai reference, BibTeX, CSL-JSON) and the print date of the printed page's first line.
 * The buttons are in the page from the start (nothing moves when this runs); without JavaScript
 * assets/css/nojs.css hides them (the texts can still be selected) and the printed
 * page gives its address without a date. An ES module, no inline code (script-src 'self'). */

const status = document.querySelector(".psea-copy-status");

function say(text) {
  if (status) status.textContent = text;
}

/* Select the element's text and copy it the old way: navigator.clipboard needs a secure context. */
function copyBySelection(el) {
  const range = document.createRange();
  range.selectNodeContents(el);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  let done = false;
  try {
    done = document.execCommand("copy");
  } catch (err) {
    done = false;
  }
  return done;
}

async function copy(button) {
  const el = document.getElementById(button.getAttribute("data-copy"));
  if (!el) return;
  const text = el.textContent;
  try {
    if (!navigator.clipboard) throw new Error("no clipboard");
    await navigator.clipboard.writeText(text);
    say(button.textContent + ": คัดลอกแล้ว");
  } catch (err) {
    say(copyBySelection(el) ? button.textContent + ": คัดลอกแล้ว" : "คัดลอกไม่ได้ เลือกข้อความแล้วคัดลอกเองได้");
  }
}

document.querySelectorAll("button.psea-copy[data-copy]").forEach((button) => {
  button.addEventListener("click", () => copy(button));
});

/* The day the page is printed (or opened), in Thai with the Buddhist-era year. */
const printDate = document.querySelector("[data-print-date]");
const printValue = printDate && printDate.querySelector("[data-print-date-value]");
if (printDate && printValue) {
  const format = new Intl.DateTimeFormat("th-TH-u-ca-buddhist", { day: "numeric", month: "long", year: "numeric" });
  const fill = () => {
    printValue.textContent = format.format(new Date());
    printDate.hidden = false;
  };
  fill();
  window.addEventListener("beforeprint", fill);
}
