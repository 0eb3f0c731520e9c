"""The case schema: the one definition of a case's frontmatter.

The validator, the scaffold (scripts/new_case.py), the JSON Schema for editors, the
field reference in CONTRIBUTING.md, the issue forms and the exports all read FIELDS.
Allowed values come from the data files through `choices` (see macros/taxonomy.py).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# A Buddhist-era year the award could have: the award began in 2546 (2003).
YEAR_MIN, YEAR_MAX = 2546, 2600
SUMMARY_MAX_CHARS = 600
# A title is a name, shown in lists and the browser tab; the longest real one has about 110 characters.
TITLE_MAX_CHARS = 200
# What scripts/new_case.py writes where a fact is still to come: the validator names each one.
PLACEHOLDER = "เติมข้อมูล"
# Body sections of a full case, in order: they follow the four dimensions of the scoring rubric.
FULL_CASE_SECTIONS = (
    ("ความเป็นมาและปัญหา", "Background and problem"),
    ("แนวทางแก้ไขและการดำเนินงาน", "Solution and how it was done"),
    ("ผลลัพธ์", "Results"),
    ("ความยั่งยืนและการขยายผล", "Sustainability and expansion"),
)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # "str", "int", "number", "mapping", "list"
    th: str
    en: str
    required: bool | str = False  # True, False, or "full" (required when status is full)
    choices: str | None = None  # a vocabulary name understood by macros.taxonomy.Taxonomy.choices
    item: Field | None = None  # for lists: the item's definition
    children: tuple[Field, ...] = ()  # for mappings
    example: object = None
    pattern: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    max_chars: int | None = None
    scaffold: bool = True  # written by scripts/new_case.py
    extra: dict[str, object] = field(default_factory=dict)

    def child(self, name: str) -> Field | None:
        return next((c for c in self.children if c.name == name), None)


# A web address a source may link to: http(s) only, no space, control character or anything that
# could end an attribute. The characters are listed rather than written \s, which Python and
# JavaScript (propose.js, the JSON Schema) read differently.
URL_PATTERN = (r"^https?://[^\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff"
               r"<>\"'`\\]+$")
URL_MAX_CHARS = 2000

SOURCE = Field(
    "source", "mapping", "แหล่งข้อมูลหนึ่งรายการ", "One source", children=(
        Field("document", "str", "ชื่อไฟล์เอกสารต้นทางใน data/sources.yaml (ถ้าไม่มี ให้ใส่ title และ url)",
              "Source document file name listed in data/sources.yaml; otherwise give title and url",
              choices="document", example="001_3702f4d108c3183e.txt"),
        # A published document not (yet) in data/sources.yaml, such as one a proposer links to.
        Field("title", "str", "ชื่อเอกสาร (เมื่อไม่มีใน data/sources.yaml)",
              "Document title, when it is not in data/sources.yaml",
              example="ประกาศผลรางวัลเลิศรัฐ ประจำปี พ.ศ. 2568", scaffold=False),
        Field("url", "str", "ลิงก์ของเอกสาร (ขึ้นต้นด้วย https://)", "Link to the document, starting with https://",
              pattern=URL_PATTERN, max_chars=URL_MAX_CHARS, example="https://www.opdc.go.th/", scaffold=False,
              extra={"pattern_th": "ลิงก์ที่ขึ้นต้นด้วย https:// หรือ http://",
                     "pattern_en": "a web address starting with https:// or http://"}),
        Field("locator", "str", "ตำแหน่งในเอกสาร เช่น หัวข้อสไลด์หรือหัวข้อหน้า",
              "Where in the document, e.g. the slide or section heading", required=True,
              example='สไลด์ "ประเภทขับเคลื่อนเห็นผล"'),
    ))

METRIC = Field(
    "metric", "mapping", "ผลลัพธ์ที่วัดได้หนึ่งรายการ", "One measured result", children=(
        Field("label", "str", "สิ่งที่วัด", "What was measured", required=True,
              example="ระยะเวลารอคอยเฉลี่ย"),
        Field("value", "number", "ค่าที่วัดได้ (ตัวเลขล้วน ไม่ใส่จุลภาค) ต้องมีหากไม่มีทั้ง before และ after",
              "The measured value, a plain number; required unless both before and after are given",
              example=40),
        Field("unit", "str", "หน่วย เช่น ราย, คน, %, บาท, วัน", "Unit, e.g. people, %, baht, days",
              required=True, example="นาที"),
        Field("before", "number", "ค่าก่อนพัฒนา (ถ้าแหล่งข้อมูลให้ไว้)", "Value before, where the source gives it"),
        Field("after", "number", "ค่าหลังพัฒนา (ถ้าแหล่งข้อมูลให้ไว้)", "Value after, where the source gives it"),
        Field("note", "str", "หมายเหตุ เช่น ช่วงเวลาที่วัด", "Note, e.g. the period measured"),
    ))

RECOGNITION = Field(
    "recognition_item", "mapping", "รางวัลอื่นหนึ่งรายการ", "One other award", children=(
        Field("name", "str", "ชื่อรางวัล", "Award name", required=True,
              example="United Nations Public Service Awards"),
        Field("year", "int", "ปี พ.ศ. ที่ได้รับ", "Buddhist-era year received", minimum=YEAR_MIN - 20,
              maximum=YEAR_MAX, example=2562),
        Field("note", "str", "รายละเอียด", "Details"),
    ))

# Values a case may mark as inferred (read from the document's date, or from general knowledge such
# as a district's province or an acronym's agency) rather than read in a source: the facts a case
# page shows at a glance. Each is a dotted path of FIELDS.
INFERABLE_FIELDS = ("year", "province", "award.branch", "award.category", "award.level",
                    "agency.name", "agency.type", "agency.parent")

INFERRED = Field(
    "inferred_item", "mapping", "ค่าที่อนุมานหนึ่งรายการ", "One inferred value", children=(
        Field("field", "str", "ช่องที่ค่าไม่ได้อ่านจากแหล่งข้อมูลโดยตรง แต่อนุมานเอา",
              "The field whose value is inferred rather than read in a source", required=True,
              choices="inferable_field", example="province"),
        Field("reason", "str", "เหตุผล: อนุมานจากอะไร และแหล่งข้อมูลบอกอะไรไว้ (แสดงบนหน้าผลงาน)",
              "Why: what it was inferred from, and what the source does say (shown on the case page)",
              required=True, example="แหล่งข้อมูลไม่ได้ระบุจังหวัด อนุมานจากที่ตั้งของอำเภอด่านมะขามเตี้ยซึ่งเป็นชื่อโรงพยาบาล"),
    ))

FIELDS: tuple[Field, ...] = (
    Field("id", "str", "รหัสถาวรของกรณีศึกษา เป็นอักษรอังกฤษตัวเล็ก ตัวเลข และขีด ใช้เป็นชื่อไฟล์และ URL",
          "Stable ASCII slug: lowercase letters, digits and hyphens; also the file name and URL",
          required=True, pattern=ID_PATTERN, example="pang-mapha-smart-hospital"),
    Field("title", "str", "ชื่อผลงาน (ภาษาไทย)", "Title of the work (Thai)", required=True,
          max_chars=TITLE_MAX_CHARS, example="โรงพยาบาลอินเทอร์เน็ตของชนเผ่ากลางขุนเขาที่ห่างไกล"),
    Field("title_en", "str", "ชื่อผลงานภาษาอังกฤษ", "English title", max_chars=TITLE_MAX_CHARS,
          example="Smart hospital in the highlands"),
    Field("status", "str", "ระดับความสมบูรณ์: full = กรณีศึกษาฉบับเต็ม, summary = บันทึกสรุป",
          "full = full case study; summary = winner recorded before anyone wrote its story",
          required=True, choices="status", example="full"),
    Field("year", "int", "ปีที่ได้รับรางวัล (พุทธศักราช)", "Award year (Buddhist era)", required=True,
          minimum=YEAR_MIN, maximum=YEAR_MAX, example=2567),
    Field("award", "mapping", "รางวัลที่ได้รับ", "The award received", required=True, children=(
        Field("branch", "str", "สาขารางวัล", "Award branch", required=True, choices="branch",
              example="service"),
        Field("category", "str", "ประเภทรางวัลของสาขานั้นในปีนั้น", "Category of that branch in that year",
              required=True, choices="category", example="driving-results"),
        Field("level", "str", "ระดับรางวัล", "Award level", required=True, choices="level",
              example="not-stated"),
    )),
    Field("agency", "mapping", "หน่วยงานเจ้าของผลงาน", "The winning agency", required=True, children=(
        Field("name", "str", "ชื่อหน่วยงาน (ภาษาไทย)", "Agency name (Thai)", required=True,
              example="โรงพยาบาลปางมะผ้า"),
        Field("name_en", "str", "ชื่อหน่วยงานภาษาอังกฤษ", "Agency name (English)",
              example="Pang Mapha Hospital"),
        Field("type", "str", "ประเภทหน่วยงาน", "Agency type", required=True, choices="agency_type",
              example="hospital"),
        Field("parent", "str", "หน่วยงานต้นสังกัด (ถ้าทราบ)", "Parent ministry or department, where known",
              example="สำนักงานจังหวัดแม่ฮ่องสอน"),
    )),
    Field("province", "str", "จังหวัดที่ตั้งของผลงาน (ชื่อภาษาไทย) หรือ ทั่วประเทศ (งานระดับประเทศ) "
          "หรือ หลายจังหวัด / ไม่ระบุ (งานในหลายจังหวัด หรือแหล่งข้อมูลไม่ระบุจังหวัด)",
          "Province of the work (Thai name), or ทั่วประเทศ for national work, or หลายจังหวัด / ไม่ระบุ "
          "for work in several provinces or where no source states the province", required=True,
          choices="province", example="แม่ฮ่องสอน"),
    Field("pain_point", "str", "ปัญหา 1–3 ประโยค", "The problem, one to three sentences", required="full",
          max_chars=SUMMARY_MAX_CHARS, example="ประชาชนต้องเดินทาง 2-3 ชั่วโมงเพื่อมารับบริการ"),
    Field("solution", "str", "แนวทางแก้ไข 1–3 ประโยค", "The solution, one to three sentences",
          required="full", max_chars=SUMMARY_MAX_CHARS, example="นำแนวคิด Smart Hospital มาพัฒนาระบบบริการ"),
    Field("impact", "str", "ผลลัพธ์ 1–3 ประโยค", "The impact, one to three sentences", required="full",
          max_chars=SUMMARY_MAX_CHARS, example="ผู้ป่วยรอคอยเฉลี่ย 40 นาที"),
    Field("metrics", "list", "ผลลัพธ์ที่วัดได้ คัดลอกตัวเลขตรงตามแหล่งข้อมูล",
          "Measured results, numbers copied exactly from the source", item=METRIC),
    Field("sdgs", "list", "เป้าหมายการพัฒนาที่ยั่งยืนที่เกี่ยวข้อง (1–17)", "Related SDGs (1-17)",
          item=Field("sdg", "int", "หมายเลข SDG", "SDG number", choices="sdg", minimum=1, maximum=17),
          example=[3, 10]),
    Field("tags", "list", "แท็กจากคำศัพท์ควบคุมใน data/vocabularies.yaml",
          "Tags from the controlled vocabulary in data/vocabularies.yaml",
          item=Field("tag", "str", "แท็ก", "Tag", choices="tag"), example=["health", "remote-areas"]),
    Field("partners", "list", "หน่วยงานหรือภาคีที่ร่วมดำเนินงาน", "Partner agencies",
          item=Field("partner", "str", "ชื่อภาคี", "Partner name")),
    Field("builds_on", "str", "id ของผลงานเดิมที่ได้รับรางวัลก่อนหน้า (บังคับสำหรับประเภทขยายผล)",
          "id of the earlier winning case this expands (required for expansion categories)",
          pattern=ID_PATTERN, scaffold=False),
    Field("builds_on_unrecorded", "str",
          "ใช้แทน builds_on เมื่อผลงานเดิมยังไม่มีในฐานข้อมูล: ระบุสิ่งที่แหล่งข้อมูลบอกถึงผลงานเดิม",
          "Instead of builds_on when the original is not yet in the knowledge base: what the source says of it",
          scaffold=False),
    Field("recognition", "list", "รางวัลอื่นที่ผลงานเดียวกันได้รับ", "Other recognition of the same work",
          item=RECOGNITION, scaffold=False),
    Field("notes", "list", "หมายเหตุด้านข้อมูล เช่น คำที่แก้จากการถอดข้อความ หรือส่วนที่อ่านไม่ได้แน่ชัด",
          "Data notes: extraction errors corrected, or parts that cannot be read with certainty",
          item=Field("note", "str", "หมายเหตุ", "Note"), scaffold=False),
    Field("inferred", "list", "ค่าที่อนุมานเอา ไม่ได้อ่านจากแหล่งข้อมูล (เช่น ปีจากวันที่ของเอกสาร จังหวัดจากชื่ออำเภอ) "
          "พร้อมเหตุผล หน้าผลงานจะแสดงเครื่องหมาย \"อนุมาน\" ที่ค่านั้น",
          "Values inferred rather than read in a source (a year from the document's date, a province from a "
          "district's name), each with its reason; the case page marks them as inferred",
          item=INFERRED, scaffold=False),
    Field("sources", "list", "แหล่งข้อมูลของข้อเท็จจริงในหน้านี้ (อย่างน้อยหนึ่งรายการ)",
          "Where the facts on this page come from (at least one)", required=True, item=SOURCE),
)

FIELD_NAMES = tuple(f.name for f in FIELDS)


def field_named(name: str) -> Field | None:
    return next((f for f in FIELDS if f.name == name), None)


def iter_fields(fields: tuple[Field, ...] = FIELDS, prefix: str = "") -> Iterator[tuple[str, Field]]:
    """Yield (dotted path, Field) for every field, depth first: the field reference follows this order."""
    for f in fields:
        path = f"{prefix}{f.name}"
        yield path, f
        if f.children:
            yield from iter_fields(f.children, path + ".")
        if f.item is not None and f.item.children:
            yield from iter_fields(f.item.children, path + "[].")
