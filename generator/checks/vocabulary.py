"""The words a bid writer uses for each promise, so that a number typed into a prose
block can be tied to what it promises (checks/prose_claims.py reads them).

Gathered from the wording of real after-sales sections (售后服务承诺 / 售后服务方案 of
network, integrator and classroom-equipment tenders): the verbs and phrasings they
actually use for each promise, not their sentences. The README's table lists them.
A longer word wins over a shorter one it contains (彻底解决 over 解决, 现场响应 over
响应), and each measure accepts durations of its own order of magnitude only.
"""

from __future__ import annotations

import re
from decimal import Decimal

# --- time limits and periods -------------------------------------------------------

# Measure → the words that name it in a sentence.
DURATION_WORDS: dict[str, tuple[str, ...]] = {
    # Arrival on site: 到达现场、赶到现场、赶赴现场、抵达现场、上门维修、亲赴现场,
    # 派出技术人员 and 现场支持/现场响应 in the response tables.
    "arrival": (
        "到达现场",
        "到达用户现场",
        "到场",
        "到现场",
        "到达",
        "上门",
        "赶到",
        "赶赴",
        "赶往",
        "抵达",
        "亲赴现场",
        "亲临现场",
        "现场服务",
        "现场支持",
        "现场支持响应",
        "现场响应",
        "现场维修",
        "派员",
        "派出",
        "派遣",
        "到位",
    ),
    # First response: 响应、答复、回复、回应、受理、接听、反馈、电话支持、电话联系.
    "phone": (
        "电话响应",
        "电话支持",
        "电话联系",
        "响应",
        "答复",
        "回复",
        "回应",
        "回电",
        "受理",
        "接听",
        "反馈",
        "解答",
    ),
    # Remote support: 远程支持、远程维护、远程登录、远程诊断、远程协助.
    "remote": ("远程支持", "远程维护", "远程登录", "远程诊断", "远程协助", "远程处理", "远程响应"),
    # Restoring service: 修复故障、排除故障、恢复系统、恢复正常运行、解决、修好、调通.
    "restore": (
        "修复",
        "排除故障",
        "故障排除",
        "排除",
        "恢复正常",
        "恢复运行",
        "恢复系统",
        "恢复使用",
        "恢复",
        "解决",
        "处理完毕",
        "修好",
        "调通",
    ),
    # Solving for good (彻底解决, the response tables' 解决问题时间).
    "resolve": ("彻底解决", "最终解决", "完全解决", "根本解决", "彻底排除", "解决问题", "问题解决", "圆满解决"),
    # Escalation: 上报厂商、提交上一级技术支持.
    "escalation": ("上报", "提交上一级", "向上一级", "逐级上报", "升级处理"),
    # A spare unit while the fault lasts: 备机、备件、备用产品、代用设备、替代设备、周转备件.
    "spare": ("备机", "备用机", "备件", "备品", "备用设备", "备用产品", "代用", "替代设备", "替换设备", "周转"),
    # The warranty and its on-site period: 质保、保修、质量保证期、包修、免费维护期.
    "warranty": ("质保", "保修", "质量保证期", "包修", "免费维护期", "维保期"),
    # The complaint line's reply (投诉热线 …内给予回复).
    "complaint": ("投诉",),
}

# Words that hold a measure's word but name a thing, not the promise: 解决方案, 响应中心.
NOT_PROMISES = (
    "解决方案",
    "解决办法",
    "排除方案",
    "响应中心",
    "响应热线",
    "响应方式",
    "响应模式",
    "响应速度",
    "受理部门",
)

# A word in the same clause turns a measure into another: 接到投诉后 2 小时内回复 is the
# complaint line's reply, not the fault response; 远程响应 is remote support.
QUALIFIERS: dict[str, dict[str, str]] = {
    "投诉": {"phone": "complaint", "restore": "complaint", "resolve": "complaint"},
    "远程": {"phone": "remote"},
}

# 24 小时内未能修复的，提供备机: a restore word after a negation, with a spare word in the
# sentence, states when the spare unit comes; without one it is a condition (一般性疑难故障
# 24 小时不能解决), not a promise.
NEGATIONS = ("不能", "未能", "无法", "未")
NEGATED_RESTORE_MEANS = "spare"

# Periods are a month or longer, time limits shorter. A period said with a time limit's
# word is the period it names: 三年上门服务 is the warranty's on-site period, not an arrival time.
PERIODS = frozenset({"warranty"})
PERIOD_MINUTES = Decimal(30 * 24 * 60)
AS_PERIOD = {"arrival": "warranty"}

# --- percentages and counts --------------------------------------------------------

PERCENT_WORDS: dict[str, tuple[str, ...]] = {"satisfaction": ("满意度", "满意率")}

COUNT_WORDS: dict[str, tuple[str, ...]] = {
    "class_hours": ("学时", "课时"),
    "trainers": ("讲师", "教员"),
    "trainees": ("培训人数", "受训", "参训", "学员", "培训"),
}
# How a count reads in a message.
COUNT_UNITS: dict[str, str] = {"class_hours": "学时", "trainers": "名", "trainees": "人"}

# How a measure reads in a message.
NAMES: dict[str, str] = {
    "arrival": "到场时限",
    "phone": "响应时限",
    "remote": "远程支持时限",
    "restore": "修复时限",
    "resolve": "彻底解决时限",
    "escalation": "升级时限",
    "spare": "备机时限",
    "warranty": "质保期",
    "complaint": "投诉答复时限",
    "satisfaction": "满意度目标",
    "class_hours": "培训课时",
    "trainers": "讲师人数",
    "trainees": "培训人数",
}

# --- what a promise applies to (its scope) -------------------------------------------

# Phases: after the warranty, during the trial run. The content's own phase names count too.
PHASE_WORDS: dict[str, str] = {
    "质保期外": "质保期外",
    "保修期外": "质保期外",
    "质保期满后": "质保期外",
    "保修期满后": "质保期外",
    "质保期满": "质保期外",
    "保修期满": "质保期外",
    "质保期后": "质保期外",
    "保修期后": "质保期外",
    "免费维护期过后": "质保期外",
    "维护期过后": "质保期外",
    "过保": "质保期外",
    "试运行": "试运行",
}

# Areas the content may not list as regions: 市区、省内、其他地区…
AREA_WORDS = (
    "主城区",
    "市区",
    "城区",
    "市内",
    "本市",
    "本地",
    "省内",
    "省外",
    "外地",
    "异地",
    "郊县",
    "县城",
    "乡镇",
    "偏远地区",
    "其他地区",
    "其它地区",
    "其他区域",
    "其它区域",
)

# Fault levels the content does not name: 一类事件、A级、严重故障、一般故障…
LEVEL_PATTERN = re.compile(
    r"[一二三四五六七八九ⅠⅡⅢⅣⅤA-Da-d1-9]\s*(?:级|类)(?:故障|事件)?"
    r"|(?:严重|重大|紧急|重要|主要|一般|普通|轻微|次要|非)(?:故障|事件)"
)

# Whose promise: the manufacturer's own (原厂 4 小时上门) is not the supplier's.
MAKER_WORDS = ("原厂", "厂家", "厂商")

# Hardware and software faults may have their own times.
PART_WORDS = ("硬件", "软件")

# --- service hours: never a time limit --------------------------------------------------

_X = r"\s*[×xX*＊✕·]\s*"
_HOURS = r"(?<![\d.])(?:\d{1,2}|二十四|十二|八)\s*(?:个)?(?:小时|时|h\b)"
_DUTY = r"(?:值班|值守|热线|电话|服务热线|服务电话|技术支持|联线|在线|不间断|开机|接听|客服|监控|待命|轮班)"

# 7×24, 5×8, 7*24小时, 4×24×7, 24/7, 7 天 24 小时, 7 天、每天 24 小时, 一年 365 天,
# 每天 24 小时, 全天二十四小时, 24 小时值班, 节假日无休: when service is given, not how soon.
SERVICE_HOURS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"(?<![\d.])\d{{1,3}}(?:{_X}\d{{1,3}})+\s*(?:个)?(?:小时|时|h\b)?"),
    re.compile(r"(?<![\d.])24\s*/\s*7(?!\d)"),
    re.compile(rf"(?:(?:全年|一年|每年)\s*)?(?<![\d.])365\s*天(?:{_X}{_HOURS})?"),
    re.compile(rf"(?:每周\s*)?(?<![\d.])[5-7五六七]\s*天\s*(?:[×xX*＊、，,]\s*)?(?:(?:每天|每日)\s*)?{_HOURS}"),
    re.compile(rf"(?:每天|每日|全天候?|昼夜|全年)\s*{_HOURS}"),
    re.compile(rf"(?:24|二十四)\s*(?:个)?(?:小时|时)\s*(?:的)?(?={_DUTY})"),
    re.compile(r"(?:节假日|全年|周末)\s*(?:无休|不休|照常)"),
)
