"""What the model's tags, the audit log's events and the page filters are called on screen, in
Chinese and English: no internal key (``complaint_product``, ``user_test``) reaches a reader."""

from __future__ import annotations

from typing import Final

# The tags' words live in the bottom layer (records.labels), shared with the CLI's tables.
from chuhai.records.labels import ASPECT, CHANNEL, EMOTION, INTENT, SENTIMENT, Pair

__all__ = [
    "ASPECT",
    "AUDIT_EVENT",
    "AUDIT_FIELD",
    "AUDIT_VALUE",
    "CHANNEL",
    "EMOTION",
    "FILTER",
    "INTENT",
    "MECHANISM",
    "SENTIMENT",
    "Pair",
]

# The query parameters a page is filtered by, shown as chips above its quotes.
FILTER: Final[dict[str, Pair]] = {
    "market": ("市场", "market"),
    "markets": ("市场", "markets"),
    "period": ("时间段", "period"),
    "sku": ("商品", "product"),
    "channel": ("渠道", "channel"),
    "aspect": ("方面", "aspect"),
    "sentiment": ("情感", "sentiment"),
    "intent": ("意图", "intent"),
    "emotion": ("情绪", "emotion"),
    "theme": ("主题", "theme"),
    "language": ("语言", "language"),
    "rating": ("评分", "rating"),
    "q": ("关键词", "words"),
}
AUDIT_EVENT: Final[dict[str, Pair]] = {
    "sign_in": ("登录", "signed in"),
    "sign_in_failed": ("登录失败", "sign-in failed"),
    "sign_in_locked": ("登录被锁定", "sign-in locked"),
    "access_denied": ("拒绝访问", "access denied"),
    "user_added": ("添加用户", "user added"),
    "user_disabled": ("停用用户", "user disabled"),
    "transfer_basis_added": ("添加数据出境依据", "transfer basis added"),
    "subject_export": ("导出个人数据", "personal data exported"),
    "subject_erase": ("删除个人数据", "personal data erased"),
    "retention_purge": ("按保存期限清理", "retention purge"),
    "cross_zone_aggregate": ("跨区域汇总", "cross-zone aggregate"),
    "refused": ("拒绝读取", "refused"),
    "audit_keyed": ("审计链启用密钥", "audit chain keyed"),
    "cross_zone_read": ("跨区域读取原话", "cross-zone read"),
    "export": ("导出", "export"),
}
AUDIT_FIELD: Final[dict[str, Pair]] = {
    "user": ("用户", "user"),
    "role": ("角色", "role"),
    "client": ("客户端", "client"),
    "path": ("路径", "path"),
    "method": ("方法", "method"),
    "reason": ("原因", "reason"),
    "markets": ("市场", "markets"),
    "market": ("市场", "market"),
    "by": ("操作人", "by"),
    "source": ("来源市场", "from"),
    "to": ("目的国家", "to"),
    "mechanism": ("机制", "mechanism"),
    "reference": ("凭证", "reference"),
    "zone": ("数据区", "zone"),
    "zones": ("数据区", "zones"),
    "reader": ("读取地", "reader"),
    "purpose": ("用途", "purpose"),
    "requested_by": ("申请人", "requested by"),
    "deleted": ("已删除", "deleted"),
    "person": ("个人", "person"),
    "records": ("记录数", "records"),
    "legacy_lines": ("旧记录行数", "legacy lines"),
    "location": ("所在国家", "location"),
    "k": ("最少人数", "k"),
    "requested": ("请求", "requested"),
    "rows": ("数据", "rows"),
    "file": ("文件", "file"),
    "voices": ("声音条数", "voices"),
    "orders": ("订单数", "orders"),
    "cutoffs": ("截止日期", "cut-offs"),
    "groups": ("分组数", "groups"),
    "suppressed": ("隐藏分组", "hidden groups"),
    "scope": ("范围", "scope"),
    "what": ("内容", "what"),
    "hidden": ("已隐藏", "hidden"),
}
# Values the code records in the audit log (purposes, what was read); other values are kept
# as recorded.
AUDIT_VALUE: Final[dict[str, Pair]] = {
    "voc dashboard": ("客户之声看板", "VOC dashboard"),
    "voc quotes": ("读取原话", "VOC quotes"),
    "voc cross-market view": ("跨市场总览", "VOC cross-market view"),
    "voc report": ("客户之声报告", "VOC report"),
    "voc journey": ("客户旅程", "VOC journey"),
    "quarantine review": ("隔离区检查", "quarantine review"),
    "measures": ("统计指标", "measures"),
    "none": ("无", "none"),
}
# Transfer mechanisms (settings' compliance.transfers and the rule packs); free text otherwise.
MECHANISM: Final[dict[str, Pair]] = {
    "scc": ("标准合同条款（SCC）", "standard contractual clauses (SCC)"),
    "standard_contract": ("标准合同", "standard contract"),
    "bcr": ("约束性企业规则（BCR）", "binding corporate rules (BCR)"),
    "adequacy": ("充分性认定", "adequacy"),
    "consent": ("个人同意", "consent"),
    "derogation": ("法定例外", "derogation"),
    "certification": ("认证", "certification"),
    "security_assessment": ("安全评估", "security assessment"),
    "contract": ("合同必需", "contract necessity"),
}
