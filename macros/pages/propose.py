"""The /propose/ page (เสนอผลงาน): a form for proposing a case without git, and the "report an
error" link of case pages.

The page is an explanation with a link to the GitHub issue form (all that shows without
JavaScript) and one JSON data block, form_rules(), that overrides/assets/js/propose.js reads
to build the form: the questions of the issue form (macros.proposal, from the case schema), their
choices with Thai labels and issue-form option texts, the categories of each branch per year, the
rules and Thai messages. propose.js turns the answers into the file exactly as
scripts/issue_to_case.py does (macros.proposal); tests/test_propose_page.py checks the bytes.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from .. import fieldref, proposal
from ..render import urls
from ..render.escape import e
from ..schema import FIELDS, YEAR_MAX, YEAR_MIN
from ..scriptconfig import to_script_json
from ..structure.case import Case
from ..structure.page import GeneratedPage
from ..taxonomy import CHOICES, Taxonomy

SRC_URI = urls.page_src_uri(urls.PROPOSE_URL)
PROPOSE_TEMPLATE = "propose-case.yml"
REPORT_TEMPLATE = "report-error.yml"
# Longest prefilled GitHub address offered as a link. Browsers take far longer ones, but servers
# commonly refuse request lines over 8 KB (nginx's default large_client_header_buffers is 8k), so
# beyond this the page says so and offers the file instead.
URL_LIMIT = 8000
# The order of the questions on the page: the year first, since it decides the categories.
FIRST = ("year", "award-branch", "award-category", "award-level", "title", "title_en", "id")
# Not asked on the page: a proposal is a summary record; its story is written in the pull request.
NOT_ASKED = ("status",)


def repo_branch(config) -> tuple[str, str]:
    """The repository's address and the branch edit links point at (edit_uri: edit/<branch>/…)."""
    repo = (config.get("repo_url") or "").rstrip("/")
    parts = (config.get("edit_uri") or "").strip("/").split("/")
    return repo, parts[1] if len(parts) > 1 and parts[0] in ("edit", "blob") else "main"


def _option_list(taxonomy, name: str, labels: dict) -> list[dict]:
    """Choices with their Thai label and the issue form's option text (what a prefilled link sends)."""
    options = {o.split(proposal.OPTION_SEPARATOR)[0]: o for o in fieldref.choice_options(taxonomy, name)}
    return [{"key": str(key), "label": labels.get(key) or str(key), "option": options.get(str(key), str(key))}
            for key in taxonomy.all_choices(name)]


def _question(q: proposal.Question) -> dict:
    f = q.field
    item = f.item if f.kind == "list" else None
    out = {"id": q.id, "path": q.path, "kind": f.kind, "label": proposal.short(f), "hint": f.th,
           "required": q.required}
    for key, value in (("choices", f.choices), ("pattern", f.pattern), ("maxChars", f.max_chars),
                       ("minimum", f.minimum), ("maximum", f.maximum)):
        if value is not None:
            out[key] = value
    if f.example is not None and not isinstance(f.example, list):
        out["example"] = str(f.example)
    if item is not None and item.children:
        out["parts"] = [{"name": c.name, "kind": c.kind, "label": proposal.short(c), "hint": c.th,
                         "required": c.required is True, "pattern": c.pattern, "maxChars": c.max_chars}
                        for c in fieldref.row_fields(item)]
    elif item is not None and item.choices:
        out["itemChoices"], out["itemKind"] = item.choices, item.kind
    elif item is not None:
        out["itemKind"] = item.kind
    if f.max_chars or (item is not None and not item.children and not item.choices):
        out["multiline"] = True
    return out


def form_rules(taxonomy, repo: str, branch: str) -> dict:
    questions = proposal.questions()
    categories = {}
    for bkey, b in taxonomy.branches.items():
        categories[bkey] = [{"key": ckey,
                             "option": f"{ckey}{proposal.OPTION_SEPARATOR}{c.get('th', ckey)} ({b.get('th', bkey)})",
                             "years": {str(y): taxonomy.category_label(bkey, ckey, y)
                                       for y in taxonomy.category_years(c)}}
                            for ckey, c in taxonomy.categories(bkey).items()]
    choices = {name: _option_list(taxonomy, name, CHOICES[name].labels(taxonomy))
               for name in ("branch", "level", "province", "agency_type", "tag", "sdg", "status")}
    order = [qid for qid in FIRST] + [q.id for q in questions if q.id not in FIRST]
    return {
        "repo": repo, "branch": branch, "template": PROPOSE_TEMPLATE,
        "issueTitle": fieldref.propose_form(taxonomy)["title"], "urlLimit": URL_LIMIT,
        "noResponse": proposal.NO_RESPONSE, "optionSeparator": proposal.OPTION_SEPARATOR,
        "partSeparator": proposal.PART_SEPARATOR, "defaultStatus": proposal.DEFAULT_STATUS,
        "idMaxChars": proposal.ID_MAX_CHARS, "trim": proposal.TRIM, "messages": proposal.MESSAGES,
        "yearMin": YEAR_MIN, "yearMax": YEAR_MAX, "years": taxonomy.years,
        "questions": [_question(q) for q in questions],
        "order": [qid for qid in order if qid not in NOT_ASKED],
        "fields": [{"name": f.name, "kind": f.kind, "children": [c.name for c in f.children]} for f in FIELDS],
        "choices": choices, "categories": categories,
        "branchLevels": {bkey: taxonomy.branch_levels(bkey) for bkey in taxonomy.branches},
    }


def issue_form_url(repo: str, template: str, values: dict | None = None) -> str:
    return f"{repo}/issues/new?" + urlencode({"template": template, **(values or {})})


def page(taxonomy: Taxonomy, config: Any) -> GeneratedPage:
    repo, branch = repo_branch(config)
    form_url = issue_form_url(repo, PROPOSE_TEMPLATE)
    data = to_script_json(form_rules(taxonomy, repo, branch))  # inert in <script>
    result = GeneratedPage(
        SRC_URI, "เสนอผลงาน",
        "เสนอผลงานที่ได้รับรางวัลเลิศรัฐเพื่อเพิ่มในคลังความรู้ได้โดยไม่ต้องใช้ git: กรอกแบบฟอร์มนี้ "
        "ตรวจคำตอบได้ทันที ดูตัวอย่างหน้าผลงาน แล้วเลือกวิธีส่ง ทุกข้อเท็จจริงต้องมาจากเอกสารเผยแพร่ของทางราชการ "
        "และคัดลอกตัวเลขให้ตรงตามเอกสาร",
        description="แบบฟอร์มเสนอผลงานที่ได้รับรางวัลเลิศรัฐเข้าคลังความรู้ ส่งผ่าน GitHub ได้โดยไม่ต้องใช้ git")
    result.html = (
        '<noscript><div class="psea-propose-nojs" id="psea-propose-nojs">'
        "<p>แบบฟอร์มในหน้านี้ต้องใช้ JavaScript ถ้าเบราว์เซอร์ของคุณปิดไว้ "
        f'เสนอผลงานได้ที่<a href="{e(form_url)}">แบบฟอร์ม "เสนอผลงาน" บน GitHub</a> '
        "(ต้องมีบัญชี GitHub ซึ่งสมัครได้ฟรี) ผู้ดูแลจะสร้างไฟล์ผลงานให้และแจ้งผลการตรวจในหน้านั้น</p></div></noscript>"
        '<form class="psea-propose" id="psea-propose" novalidate aria-describedby="psea-propose-help">'
        '<p id="psea-propose-help">ช่องที่มีเครื่องหมาย * ต้องกรอก ช่องอื่นกรอกเท่าที่เอกสารระบุ '
        "ระบบตรวจคำตอบขณะพิมพ์ และบันทึกเป็นบันทึกสรุป (ผู้ดูแลหรือคุณเขียนเรื่องเล่าฉบับเต็มเพิ่มได้ภายหลัง)</p>"
        '<div id="psea-propose-fields"></div></form>'
        '<section class="psea-propose-result" id="psea-propose-result" hidden aria-labelledby="psea-propose-result-h">'
        '<h2 id="psea-propose-result-h">ตรวจคำตอบและส่ง</h2>'
        '<div id="psea-propose-status" role="status" aria-live="polite"></div>'
        '<ul class="psea-propose-problems" id="psea-propose-problems"></ul>'
        '<div id="psea-propose-send" hidden>'
        '<h3 id="วิธีส่ง">เลือกวิธีส่ง</h3><ul class="psea-propose-ways">'
        '<li><p><a id="psea-propose-issue" class="md-button" href="#">ส่งผ่าน GitHub Issue</a></p>'
        "<p>เปิดแบบฟอร์มเสนอผลงานบน GitHub ที่กรอกคำตอบไว้ให้ครบแล้ว "
        "กดส่งแล้วระบบจะสร้าง pull request และแจ้งผลการตรวจให้ในหน้านั้น</p>"
        '<p class="psea-propose-toolong" data-for="issue" hidden></p></li>'
        '<li><p><a id="psea-propose-editor" class="md-button" href="#">เปิด pull request เอง</a></p>'
        "<p>เปิดหน้าสร้างไฟล์ใหม่บน GitHub ที่ใส่เนื้อหาไฟล์ไว้แล้ว กด Commit changes แล้วเปิด pull request ตามที่ GitHub แนะนำ</p>"
        '<p class="psea-propose-toolong" data-for="editor" hidden></p></li>'
        '<li><p><a id="psea-propose-download" class="md-button" href="#" download>ดาวน์โหลดไฟล์</a></p>'
        "<p>บันทึกไฟล์ผลงาน (.md) ลงเครื่อง เพื่ออัปโหลดเข้าโฟลเดอร์ของปีนั้นบน GitHub หรือส่งให้ผู้ดูแล</p></li>"
        "</ul></div></section>"
        '<section class="psea-propose-preview" id="psea-propose-preview" hidden '
        'aria-labelledby="psea-propose-preview-h">'
        '<h2 id="psea-propose-preview-h">ตัวอย่างหน้าผลงาน</h2><div id="psea-propose-preview-body"></div>'
        '<details><summary>เนื้อหาไฟล์ที่จะส่ง</summary><pre><code id="psea-propose-file"></code></pre></details>'
        "</section>"
        f'<script type="application/json" id="psea-propose-data">{data}</script>'
        f'<script src="{e(urls.rel(urls.PROPOSE_URL, urls.PROPOSE_SCRIPT))}" defer></script>')
    return result


def report_error_url(repo: str, case: Case, site_url: str) -> str:
    """The report-error issue form prefilled with the case's id, title and address."""
    address = (site_url.rstrip("/") + "/" + urls.case_url(case)) if site_url else urls.case_url(case)
    return issue_form_url(repo, REPORT_TEMPLATE, {"title": f"[แก้ไข] {case.title} — {address}", "id": case.id})


def report_error_link(config: Any, case: Case) -> str:
    repo, _ = repo_branch(config)
    if not repo:
        return ""
    url = report_error_url(repo, case, config.get("site_url") or "")
    return (f'<p class="psea-report-error" data-pagefind-ignore><a href="{e(url)}">แจ้งแก้ไขข้อมูล</a> '
            '<span class="psea-muted">ข้อมูลในหน้านี้ผิดหรือไม่ครบ? แจ้งพร้อมเอกสารอ้างอิงผ่านแบบฟอร์มบน GitHub</span></p>')
