"""What a web copy or an e-paper page prints around its articles, and how a page is set out as lines.

Furniture — breadcrumbs, page labels, source and time keys, captions, menus, bars, footers, desk
credits, copy-protection jammer text — is never part of a piece (:func:`is_site_furniture`); a
browser title or a repost's prefix names the headline and the site (:func:`site_title`); a line
printed like a headline is :func:`is_title`. A page a reader tool wrote as Markdown is read back as
text (:func:`from_web_markdown`), and a page a store flattened onto one line is set out again
(:func:`unflatten`). The newspaper reader (``importing.newspaper``) builds its articles on these.
"""

import re

from .repair import Line, clean_text
from .sources import iso_date, split_flattened

# A breadcrumb: "当前位置：首页 > 工会动态", "首页 > 本地". The page's own content starts below it.
BREADCRUMB = re.compile(
    r"^(?:当前位置|您的位置|你的位置|您现在的位置|您当前的位置|当前页面)|\S\s*[>＞»›]\s*\S.*[>＞»›]"
    # short steps between marks, whatever the words before them ("位置：首页 > 工会动态")
    r"|^[^。，！？>＞»›]{1,16}(?:\s*[>＞»›]+\s*[^。，！？>＞»›]{1,12})+$"
)
# Furniture wherever a line prints it, a sentence too: page labels, captions, source keys, notices.
_SITE_FURNITURE = tuple(
    re.compile(pattern)
    for pattern in (
        r"^(?:第\s*)?[0-9０-９A-Za-z]{1,5}\s*版\s*(?:[：:（(]|$)",  # "00002版:工会", "第3版"
        r"^[一二三四五六七八九十\d]{1,3}版\s*\S{0,6}$",  # "一版要闻"
        r"^(?:(?:信息|稿件|文章|新闻)?来源|稿源|出处|责任编辑|编辑|审核|审校|校对|(?:发布|发表|更新|上传|录入)?(?:时间|日期)"
        r"|(?:浏览|点击|阅读|访问)(?:次数|量|数))\s*[：:]",
        r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$",  # a date or time line
        r"^!\[[^\]]*\]\([^)]*\)|^[|｜\s]*$",  # an image placeholder
        r"^[•●◆▪·\-*]\s*\S{1,14}$",  # a menu item
        r"^(?:图为|▲|图：|图片|（图|\(图|【图)",  # a photo caption
        # an original-work notice: "本文为某某晚报原创作品，未经许可……"
        r"^本文(?:为|系|是)[^。]{0,20}(?:原创|独家|稿件|作品)|禁止转载|转载请注明|未经(?:许可|授权)[，,]?\s*(?:不得|禁止|严禁)",
        r"^(?:【[^】]{1,6}】\s*)+$",  # "【打印】【关闭】"
        # credits of desk staff ("责编：X", "一审：X 二审：Y 三审：Z")
        r"^(?:制图|编辑|版式|资料|校对|审核|监制|出品|统筹|美编|责编|[一二三初复终]审|编审|主编|值班编辑|责任校对)"
        r"[/／、\w]{0,4}\s*[：:]",
        r"^[➤▶►▷»]",  # a link in a list of other articles
        r"本网站|版权和免责|免责声明|凡注有|未经许可不得转载|^标签\s*[：:]",
        r"^[^_]{4,60}_[^_]{2,12}(?:_[^_]{2,12})*$",  # a browser title "标题_栏目_网站"
        r"(?i)^[\w\-（）()]{1,40}\.(?:jpe?g|png|gif|bmp|webp)$",  # an image's file name ("1.jpg")
        r"^[|｜]\s*\S.*[|｜]$",  # a photo's caption set in a table cell ("| 快递员正在阅读…… |")
    )
)
# Furniture words a sentence of the article may use too ("为企业提供技术支持", "本站共服务职工"): furniture only on
# a line that is no sentence (a footer, a bar, the page's metadata line, a menu).
_LINE_FURNITURE = tuple(
    re.compile(pattern)
    for pattern in (
        r"数字报",
        r"技术支持|ICP|备案|许可证|版权所有|Copyright|©|联系我们|网站地图|返回顶部|打印本页|关闭窗口|"
        r"分享到|扫一扫|上一篇|下一篇|上一期|下一期|老版入口|客户端下载|新闻热线|投稿邮箱|投稿信箱|联系电话",
        r"\d{4}-\d{2}-\d{2}.*星期|\d{4}年\d{1,2}月\d{1,2}日\s*星期",  # the page's metadata line
        r"\S\s+[|｜]\s+\S",  # "首页 | 新闻 | 工会": navigation
        BREADCRUMB.pattern,
        r"本站",
    )
)
# A browser title: the page's headline, then the section and the site ("标题 - 工会 - 中工网",
# "标题-某某网"); furniture when the headline stands again on a line of its own.
_TITLE_WITH_SITE = re.compile(r"^(?P<title>.{4,60}?)\s*[-–—|｜]\s*\S.{0,30}$")


# A site's name as a browser title or a repost's prefix prints it ("某某新闻网", "某某客户端", "某某官网").
_SITE_NAME = re.compile(
    r"^[\u4e00-\u9fffA-Za-z·]{2,14}?(?:网|网站|官网|在线|客户端|频道|门户|新闻|资讯|发布|日报|晚报|早报|商报|报|电视台|融媒)$"
)
# "标题-站名", "标题 | 栏目 | 站名", "标题_栏目_站名" (a dash doubled is a subtitle's, not a separator).
_SITE_SEPARATOR = re.compile(r"\s*(?<![-–—])(?:[-–—](?![-–—])|[|｜_])\s*")


def site_title(text: str) -> tuple[str, str] | None:
    """(headline, site) of a browser title or of a repost's prefix ("某某客户端 | 标题"), else None."""
    parts = [part for part in _SITE_SEPARATOR.split(text.strip()) if part]
    if not 2 <= len(parts) <= 4 or "。" in text:
        return None
    if len(parts) == 2 and _SITE_NAME.match(parts[0]) and len(parts[1]) >= 5 and is_title(parts[1]):
        return parts[1], parts[0]  # "某某客户端 | 标题"
    headline, site, columns = parts[0], parts[-1], parts[1:-1]
    # "标题-站名", "标题_栏目_站名": the headline is longer than any column (a menu's items are alike).
    if not (_SITE_NAME.match(site) and len(headline) >= 5 and is_title(headline)):
        return None
    return (headline, site) if all(len(column) < len(headline) for column in columns) else None


# Text a copy-protecting site scatters in a post ("q0`Vw%", "&ad9VB7"): ASCII with symbols, no words.
_JAMMER = r"(?=[\x21-\x7e ]*[A-Za-z])(?=[\x21-\x7e ]*[!#$%&'*+:;<=>?@\\^_`{|}~\[\]])[\x21-\x7e ]{3,16}"
JAMMER_LINE = re.compile(rf"^\s*{_JAMMER}\s*$")
JAMMER_TAIL = re.compile(rf"(?<=[。！？”])\s+{_JAMMER}\s*$")


def browser_titles(lines: list[Line]) -> set[int]:
    """Line numbers of browser titles: a line that is another line's text followed by a site's name."""
    texts = {line.text.replace(" ", "") for line in lines if line.text}
    found = set()
    for line in lines:
        match = _TITLE_WITH_SITE.match(line.text)
        titled = site_title(line.text)
        for title in (match["title"] if match else None, titled[0] if titled else None):
            if title and title.replace(" ", "") in texts and title != line.text:
                found.add(line.number)
    return found


# A list of other articles closes the page: nothing below it is the article's.
RELATED = re.compile(r"^(?:大家都在看|相关阅读|相关新闻|推荐阅读|热点推荐|延伸阅读|猜你喜欢|热门文章|往期回顾)")
# A page flattened onto one line: headline, source fields, then the dateline and the article.
_FLATTENED = re.compile(
    r"^(?P<title>\S[^：:。，]{1,40}?)\s+(?P<meta>(?:(?:信息|稿件)?来源|作者|(?:发布|发表|更新)(?:时间|日期))\s*[：:].*?)"
    r"\s(?P<rest>[\u4e00-\u9fff]{2,10}?(?:网|报|社|台)讯\s.*)$"
)
SIGN_OFF = re.compile(
    r"^[\[【（(]?\s*(?:责任编辑|编辑|责编)\s*(?:[：:]|\s+[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4})*\s*[\]】）)]?$)"
)
# An e-paper's jump to or from another page: "（下转第4版）" ends the article's part on this page, "（上接第1版）"
# opens the end of one begun elsewhere. Neither is text.
JUMP = re.compile(r"\s*[（(]\s*(?P<way>下转|转|上接|接|续)\s*第?\s*[A-Za-z]?\d{1,3}\s*版\s*[）)]\s*")
ORG_CREDIT = re.compile(r"^[（(][\u4e00-\u9fff]{2,30}(?:总工会|工会|联合会|委员会|街道|社区|局|办)[）)]$")
_SENTENCE_INSIDE = re.compile(r"[。；]")
QUOTES = "“”‘’\"'《》"
# A site's name: a short one ending in 网 (中工网, 萧山网), or any ending in a site's word; a headline
# may end in 网 too ("…为职工编织服务大网"), so a long line ending in 网 alone is no site's name.
SITE_HEADER = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,5}网|[\u4e00-\u9fff]{2,20}(?:新闻网|网站|官网|平台|门户|在线|客户端|频道|融媒))$"
)
COLUMN_TAG_MAX = 6  # "工运速递", "大调研·样本", "中工娱乐": short banners over a headline
MAX_HEADLINE_LINES = 4


# Bars and prompts that are furniture only on a short line of their own (a sentence may say the same words:
# "职工扫描二维码即可入会").
_BAR_FURNITURE = tuple(
    re.compile(pattern)
    for pattern in (
        # apps, font and share bars: "下载某某客户端", "打开APP，阅读全文", "【字体：大 中 小】"
        r"(?i)下载.{0,12}(?:客户端|app)|打开\s*(?:app|客户端)|(?:app|客户端)内(?:查看|阅读)|阅读全文|查看全文|展开全文",
        r"查看精彩(?:图片|视频)$",  # an app's picture placeholder in a repost: "打开某某新闻 查看精彩图片"
        r"^[【\[]?\s*(?:字体|字号)\s*[：:]?\s*[【\[（(]?\s*(?:大|小|默认|A)",
        # the site's greeting and today's date in its header
        r"今天是\s*[：:]?\s*(?:\d{4}\s*年|$)|^欢迎(?:您|你)?(?:访问|光临|来到)|欢迎(?:您|你)(?:访问|光临)?[!！]?$",
        # the site's contact lines in its header or footer ("地址：某某路1号某某大厦", "电话：0571-…")
        r"^(?:联系|单位|通讯)?(?:地址|电话|传真|邮编|邮箱)\s*[：:]\s*\S{0,40}$|^联系方式\s*[：:]?$",
        # the site's own tools: "设为首页", "加入收藏", "无障碍浏览", "长者模式", "请输入关键字"
        r"设为首页|加入收藏|无障碍|长者模式|关怀版|繁体版|简体版|请输入(?:关键[字词]|搜索)|^(?:登录|注册|搜索)$",
        # forums: a member's profile, the floor bar, edit notes ("级别: 版主", "只看该作者", "此帖被X编辑")
        r"^(?:级别|等级|头衔|UID|精华|发帖|帖子|积分|财富|威望|贡献值?|会员币|金币|好评度|在线时间|注册时间|最后登录"
        r"|阅读权限|用户组|主题)\s*[：:]|^[\w\-.]{1,20}\s*(?:离线|在线)$|此帖(?:被|由).{0,30}编辑",
        r"^(?:只看该作者|只看楼主|回复|引用|举报|使用道具|返回列表|TOP|顶端)(?:\s+\S{1,6})*$",
        # a forum's header (the login bar of Discuz!-style boards) and its recommended threads' heading
        r"^(?:快捷|立即|QQ|微信|手机号?)?(?:登录|注册)$|^找回密码$|^只需一步[，,]\s*快速开始$|^(?:编辑|热门|精华)推荐$",
        # a thread's bar: "[复制链接]", "跳转到指定楼层", "打印 上一主题 下一主题", "查看: 656|回复: 0"
        r"^[【\[]?复制链接[】\]]?$|^跳转到指定楼层$|^(?:打印\s*)?上一主题\s*下一主题$|^查看\s*[：:]\s*\d+\s*[|｜]\s*回复",
        # WeChat copies: follow prompts and the reader's bar
        r"(?:点击|长按|扫描|识别)[^，。]{0,12}关注|关注(?:该|本)?公众号|预览时标签不可点|轻点两下",
        r"^(?:阅读原文|查看原文|在看|点赞|收藏|留言|写留言|赞|分享(?:至|到)?\s*[：:]?|推荐)$",
        # an aggregator's bars: "+关注", "举报/反馈", "原文链接：…", "本文来自【X】，仅代表作者观点"
        r"^[+＋]\s*关注$|^举报\s*(?:/\s*反馈)?$|^(?:原文|本文)(?:链接|地址)\s*[：:]|^本文来自.{0,24}仅代表",
        # a picture's disclaimer, a site's counters, an e-paper's navigation ("（资料图片仅供参考）",
        # "被推荐:0次被引用:0次", "版面导航")
        r"^[（(]?\s*(?:资料)?(?:图片|照片|配图)\S{0,4}仅供参考\s*[）)]?$",
        r"^(?:被(?:推荐|引用|收藏|浏览|阅读)\s*[：:]\s*\d+\s*次\s*){2,}$",
        r"^(?:版面导航|本版导航|版面目录|本版标题|上一版|下一版|上一期|下一期)$",  # 往期回顾: RELATED
    )
)
_SHORT_BAR = 40


def is_site_furniture(text: str) -> bool:
    if any(pattern.search(text) for pattern in _SITE_FURNITURE):
        return True
    if "。" in text and (len(text.strip()) > _SHORT_BAR or "，" in text):
        return False  # a sentence of the article
    if any(pattern.search(text) for pattern in _LINE_FURNITURE):
        return True
    short = len(text.strip()) <= _SHORT_BAR and not re.search(r"[。？；]|！.", text.strip())
    return short and any(pattern.search(text) for pattern in _BAR_FURNITURE)


# A lead opens on when it happened and a comma ("近日，", "8月26日上午，", "今年以来，"): a headline never does.
_LEAD_OPENING = re.compile(
    r"^(?:近日|日前|近期|昨日|昨天|今天|今日|前不久|连日来|今年以来|去年以来|上周|本周|(?:20\d\d年)?\d{1,2}月(?:\d{1,2}日)?)"
    r"(?:上午|下午|晚上|晚间|晚|早上|中午)?[，,]"
)


def is_title(text: str) -> bool:
    """A line printed like a headline: short, no sentence punctuation inside or at its end, not a lead's opening."""
    if not 2 <= len(text) <= 40 or _SENTENCE_INSIDE.search(text[:-1]) or _LEAD_OPENING.match(text):
        return False
    if text.endswith(("。", "；", "，", "、", "…", ",", "”。")):
        return False
    return text.count("，") + text.count(",") <= 1


# A page a reader tool turned into Markdown: its header ("Title:", "URL Source:", "Published Time:", "Markdown
# Content:"), links and images to the web, "#" and "**" marks.
_READER_HEADER = re.compile(r"^(?:Title|URL Source|Published Time|Markdown Content|Description)\s*:\s*(?P<value>.*)$")
_WEB_LINK = re.compile(r"!?\[(?P<text>[^\]]*)\]\((?:https?:|/|\.)[^)]*\)")
_MARKS = re.compile(r"^\s*#{1,6}\s+|\*\*|__")


def is_web_markdown(lines: list[Line]) -> bool:
    """Whether a text is a web page as a reader tool writes it in Markdown (links to the web, its header)."""
    return any(_WEB_LINK.search(line.raw) or _READER_HEADER.match(line.raw.strip()) for line in lines[:400]) and any(
        "](http" in line.raw or line.raw.startswith(("URL Source:", "Markdown Content:")) for line in lines
    )


def from_web_markdown(lines: list[Line]) -> list[Line]:
    """The page as text: links read as their words, images and the tool's header left out (its title kept as the
    browser title, its time as the posting time), heading and bold marks taken off; line numbers kept."""
    out = []
    for line in lines:
        raw = line.raw
        header = _READER_HEADER.match(raw.strip())
        if header:
            key = raw.strip().split(":", 1)[0]
            date = iso_date(header["value"]) if key == "Published Time" else None
            raw = header["value"] if key == "Title" else (f"发布时间：{date}" if date else "")
        raw = _MARKS.sub("", _WEB_LINK.sub(lambda match: "" if match[0].startswith("!") else match["text"], raw))
        out.append(Line(line.number, raw, clean_text(raw)))
    return out


BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(?P<text>[^*_]+)(?:\*\*|__)\s*$")
_CRUMB_END = re.compile(r"^(?P<crumbs>.*[>＞»]\s*\S+)\s+(?P<title>\S.*)$")


def unflatten(lines: list[Line]) -> list[Line]:
    """A page the store flattened onto one line, set out again: breadcrumb, headline, source fields, text."""
    out = []
    for line in lines:
        match = _FLATTENED.match(line.raw.strip())
        if match is not None:
            parts = [match["title"], match["meta"], match["rest"]]
        else:
            split = split_flattened(line.raw)
            if split is None:
                out.append(line)
                continue
            head, meta, rest = split
            crumbs = _CRUMB_END.match(head)
            parts = [crumbs["crumbs"], crumbs["title"]] if crumbs else [head]
            parts += [meta, rest]
        out += [Line(line.number, part, clean_text(part)) for part in parts if part.strip()]
    return out
