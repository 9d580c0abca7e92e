"""Layouts of Chinese news and union sites the importer must read whatever site prints them: site
slogans and menus over the headline, "X客户端 |" prefixes, browser titles with and without the
headline repeated, forum reposts, WeChat copies, font and share bars, app banners. Every page here
is written for these tests (no page's own prose)."""

import pytest

from tests.importing.conftest import only_piece as _only
from tests.importing.conftest import page_pieces as _pieces

pytestmark = pytest.mark.django_db


UNION_SITE_ITEM = [
    "某某区总工会欢迎您 今天是2023年5月6日",
    "首页 > 工会动态 > 正文",
    "区总工会举办职工篮球联赛",
    "发布时间：2023-05-06 10:20:33  来源：某某区总工会  浏览次数：123",
    "【字体：大 中 小】",
    "  5月5日，温岭市总工会在市体育馆举办职工篮球联赛，二十支队伍参加。",
    "  联赛为期一周，比赛结束后还将评选优秀组织奖。",
    "（区总工会 城东街道总工会）",
    "【打印本页】【关闭窗口】",
    "上一篇：区总工会召开全委会",
    "下一篇：职工书屋开放",
]


def test_a_union_sites_item_with_its_breadcrumb_font_bar_and_links(gazetteer):
    piece = _only(UNION_SITE_ITEM, gazetteer)
    assert piece.headline == "区总工会举办职工篮球联赛"
    assert piece.date == "2023-05-06"
    assert "字体" not in piece.body and "上一篇" not in piece.body and "欢迎" not in piece.body


SLOGAN_OVER_BREADCRUMB = [
    "建设美丽家园 共享幸福生活",
    "您现在的位置：首页 > 新闻中心 > 工作动态",
    "街道总工会为快递小哥设立爱心驿站",
    "发布时间：2022-08-01  来源：某某区人民政府网",
    "  近日，温岭市城东街道总工会在辖区商场设立爱心驿站，供快递员歇脚饮水。",
    "  驿站每天开放十二小时。",
    "上一条：区里召开安全生产会议",
]


def test_a_site_slogan_over_the_breadcrumb_is_not_the_headline(gazetteer):
    piece = _only(SLOGAN_OVER_BREADCRUMB, gazetteer)
    assert piece.headline == "街道总工会为快递小哥设立爱心驿站"
    assert piece.subheadline is None
    assert (piece.outlet, piece.date) == ("某某区人民政府网", "2022-08-01")
    assert piece.start_line == 3


MENU_AND_BROWSER_TITLE = [
    "某某资讯网-新闻中心本地新闻视频图库专题浙江新闻国内新闻国际新闻",
    "您当前的位置 :  某某新闻网 > 图库中心 > 本地专栏",
    "",
    "区总工会夏送清凉-某某资讯网",
    "",
    "2015-07-28 10:18:51  来源:  某某新闻网  作者: 见习记者 王一鸣 摄",
    "",
    "  昨日，温岭市总工会走访了两家工厂的一线职工，送去防暑饮料。",
    "",
    "责任编辑:李某",
    "相关阅读",
]


def test_a_browser_title_with_no_headline_repeated_gives_the_headline_and_a_menu_is_no_piece(gazetteer):
    piece = _only(MENU_AND_BROWSER_TITLE, gazetteer)
    assert piece.headline == "区总工会夏送清凉"
    assert (piece.outlet, piece.date) == ("某某新闻网", "2015-07-28")
    assert piece.reporters == ["王一鸣"]


CLIENT_PREFIX = [
    "您的位置: 媒体聚焦",
    "",
    "某某客户端 | 工会食堂里，外卖小哥一起过冬至！",
    "",
    "发布时间:2024-12-20",
    "",
    "(全媒体记者王一鸣 通讯员李小红)",
    "",
    "  冬至前夕，温岭市城东街道总工会在社区食堂为新就业群体准备了饺子。",
    "",
    "  社区工会还设立了户外劳动者驿站。",
]


def test_a_client_apps_prefix_names_the_outlet_and_the_headline_follows_it(gazetteer):
    piece = _only(CLIENT_PREFIX, gazetteer)
    assert piece.headline == "工会食堂里，外卖小哥一起过冬至！"
    assert (piece.outlet, piece.date) == ("某某客户端", "2024-12-20")
    assert piece.reporters == ["王一鸣", "李小红"]
    assert piece.start_line == 3


def test_a_news_sites_prefix_with_a_vertical_bar(gazetteer):
    lines = ["某某新闻网｜职工书屋开进工业园区", "2021-04-23 09:12 来源：某某新闻网", "", *CLIENT_PREFIX[8:]]
    piece = _only(lines, gazetteer)
    assert piece.headline == "职工书屋开进工业园区"
    assert (piece.outlet, piece.date) == ("某某新闻网", "2021-04-23")


FORUM_REPOST = [
    "统计排行每日签到社区服务会员列表最新帖子精华区帮助",
    "主题 : 城东街道举办职工技能比武",
    "abc123离线",
    "级别: 论坛版主",
    "UID: 40996",
    "精华: 2",
    "发帖: 1305",
    "威望: 4 点",
    "在线时间: 828(时)",
    "注册时间: 2018-06-08",
    "最后登录: 2024-04-19",
    "楼主 发表于: 2021-10-12  ",
    "",
    "城东街道举办职工技能比武",
    "",
    "  某某日报讯 王一鸣、李小红报道 近日，温岭市城东街道总工会举办职工技能比武，十个项目同时开赛。 q0`Vw%  ",
    "&ad9VB7  ",
    "  比赛共有两百名职工参加。 #n{wK+lz  ",
    "_AI2\\e  ",
    "  获奖职工将获得街道总工会颁发的证书。",
    "[ 此帖被abc123在2021-10-12 09:00重新编辑 ]",
    "只看该作者 回复 引用",
]


def test_a_forum_repost_its_profile_fields_post_time_and_scraper_junk(gazetteer):
    piece = _only(FORUM_REPOST, gazetteer)
    assert piece.headline == "城东街道举办职工技能比武"
    assert piece.date == "2021-10-12"
    assert piece.reporters == ["王一鸣", "李小红"]
    assert "Vw" not in piece.body and "ad9" not in piece.body and "重新编辑" not in piece.body
    assert piece.body.count("\n") <= 6


BROWSER_TITLE_UNDERSCORES = [
    "城东街道工会驿站揭牌_某某新闻网_工会频道",
    "2023-03-08 10:15  来源：某某新闻网",
    "  3月7日，温岭市城东街道总工会的户外劳动者驿站揭牌。",
    "  驿站里有冰箱、微波炉和药箱。",
    "责任编辑：李某",
]


def test_a_browser_title_with_underscores_and_no_headline_below(gazetteer):
    piece = _only(BROWSER_TITLE_UNDERSCORES, gazetteer)
    assert piece.headline == "城东街道工会驿站揭牌"
    assert (piece.outlet, piece.date) == ("某某新闻网", "2023-03-08")


def test_a_browser_title_with_the_headline_repeated_below(gazetteer):
    lines = [BROWSER_TITLE_UNDERSCORES[0], "", "城东街道工会驿站揭牌", *BROWSER_TITLE_UNDERSCORES[1:]]
    piece = _only(lines, gazetteer)
    assert piece.headline == "城东街道工会驿站揭牌"
    assert piece.start_line == 3


SHARE_AND_APP_BARS = [
    "下载某某新闻客户端",
    "首页 > 本地",
    "温岭市总工会开展职工心理健康讲座",
    "某某新闻网  2022-11-02 08:40",
    "字号：大 中 小",
    "分享到：微信 微博 QQ空间",
    "  11月1日，温岭市总工会邀请心理咨询师为职工讲解如何缓解压力。",
    "  讲座在线上同步直播。",
    "打开APP，阅读全文",
    "扫一扫在手机打开当前页",
    "编辑：李某  审核：张某",
]


def test_share_font_and_app_bars_are_furniture(gazetteer):
    piece = _only(SHARE_AND_APP_BARS, gazetteer)
    assert piece.headline == "温岭市总工会开展职工心理健康讲座"
    assert (piece.outlet, piece.date) == ("某某新闻网", "2022-11-02")
    assert "APP" not in piece.body and "字号" not in piece.body and "分享" not in piece.body


WECHAT_COPY = [
    "温岭市总工会为一线职工送清凉",
    "原创 温岭工会 温岭工会 2023-07-20 08:00 发表于浙江",
    "点击上方蓝字关注我们",
    "  7月19日，温岭市总工会到建筑工地看望高温下作业的职工。",
    "  慰问组送去了西瓜和防暑药品。",
    "来源：温岭市总工会",
    "编辑：李某",
    "阅读原文",
]


def test_a_wechat_copy_its_account_line_and_follow_prompts(gazetteer):
    piece = _only(WECHAT_COPY, gazetteer)
    assert piece.headline == "温岭市总工会为一线职工送清凉"
    assert piece.date == "2023-07-20"
    assert "蓝字" not in piece.body and "阅读原文" not in piece.body


ONE_LINE_FIELDS = [
    "温岭市总工会召开劳模座谈会",
    "作者：王一鸣  来源：某某日报  发布时间：2020年05月01日  点击数：88",
    "  4月30日，温岭市总工会邀请十名劳模座谈。",
]


def test_author_source_time_and_count_on_one_line(gazetteer):
    piece = _only(ONE_LINE_FIELDS, gazetteer)
    assert piece.headline == "温岭市总工会召开劳模座谈会"
    assert (piece.outlet, piece.date) == ("某某日报", "2020-05-01")
    assert piece.reporters == ["王一鸣"]


def test_an_outlet_before_a_bylines_role_and_an_original_work_notice_name_the_outlet(gazetteer):
    lines = [
        "某某晚报·小时新闻记者 王一鸣 通讯员 李小红",
        "近日，温岭市总工会新就业形态联合工会的标识启用。",
        "本文为某某晚报原创作品，未经许可，禁止转载。",
    ]
    piece = _only(lines, gazetteer)
    assert piece.outlet == "某某晚报"
    assert "原创作品" not in piece.body


def test_a_page_of_menus_alone_gives_a_chinese_message_not_a_crash(gazetteer):
    from importing.decode import ImportInputError

    with pytest.raises(ImportInputError, match="没有找到"):
        _pieces(["首页 > 工会动态", "上一篇：无", "打印本页 关闭窗口", "分享到："], gazetteer)


ITEM_BODY = ["  5月5日，温岭市总工会在市体育馆举办职工篮球联赛，二十支队伍参加。", "  联赛为期一周。"]
ITEM_FOOT = ["一审：李某 二审：张某 三审：赵某", "（完）"]
HEADLINE = "温岭市总工会举办职工篮球联赛"


@pytest.mark.parametrize(
    "head",
    [
        ["【工会动态】" + HEADLINE, "发布时间：2023-05-06"],  # a column's tag in brackets before the headline
        [HEADLINE, "时间：2023年05月06日 10时20分  来源：某某日报 | 作者：王一鸣 | 编辑：李某"],
        [HEADLINE, "2023年5月6日 10:20  来源：某某日报"],
        [HEADLINE, "信息来源：某某日报  发布时间：2023-05-06  【打印】【关闭】"],
        [HEADLINE, "发布者：管理员  发布时间：2023-05-06  阅读：123"],  # the poster is no byline
        [HEADLINE, "[ 2023-05-06 ]  来源：某某日报"],
        [HEADLINE, "来源：某某日报  2023-05-06 10:20:33"],
        [HEADLINE, "文/王一鸣 图/李小红", "发布时间：2023-05-06"],
    ],
)
def test_source_lines_and_column_tags_of_union_and_news_sites(head, gazetteer):
    piece = _only(head + ITEM_BODY + ITEM_FOOT, gazetteer)
    assert piece.headline == HEADLINE
    assert piece.date == "2023-05-06"
    assert "审" not in piece.body and "完" not in piece.body
    assert "管理员" not in piece.reporters


@pytest.mark.parametrize(
    "text, reporters, photographers",
    [
        ("县融媒体中心记者 王一鸣 通讯员 李小红", ["王一鸣", "李小红"], []),
        ("区融媒体中心 记者 王一鸣", ["王一鸣"], []),
        ("融媒记者 王一鸣", ["王一鸣"], []),
        ("文/王一鸣 图/李小红", ["王一鸣"], ["李小红"]),
        ("文/记者 王一鸣", ["王一鸣"], []),
        ("文：王一鸣 图：李小红", ["王一鸣"], ["李小红"]),
        ("文 | 王一鸣", ["王一鸣"], []),
        ("撰稿：王一鸣", ["王一鸣"], []),
        ("记者|王一鸣", ["王一鸣"], []),
        ("文/图 王一鸣", ["王一鸣"], ["王一鸣"]),
        ("记者 王一鸣 实习生 李小红", ["王一鸣", "李小红"], []),
        ("特约通讯员 王一鸣", ["王一鸣"], []),
    ],
)
def test_bylines_keyed_by_what_each_name_did_and_after_a_media_centre(text, reporters, photographers):
    from importing.bylines import byline_line

    credit = byline_line(text)
    assert (credit.reporters, credit.photographers) == (reporters, photographers)


def test_a_caption_keyed_like_a_credit_is_no_byline():
    from importing.bylines import byline_line

    assert byline_line("图：职工比赛") is None
    assert byline_line("县融媒体中心记者 王一鸣").outlet is None  # a bare media centre names no outlet


FLAT_BODY = "5月5日，温岭市总工会在市体育馆举办职工篮球联赛，二十支队伍参加。"


@pytest.mark.parametrize(
    "text",
    [
        f"{HEADLINE} 发布时间：2023-05-06 来源：某某日报 \u3000\u3000{FLAT_BODY}\u3000\u3000联赛为期一周。",
        f"{HEADLINE}  来源：某某日报  作者：王一鸣  发布时间：2023-05-06  {FLAT_BODY}联赛为期一周。",
        f"首页 > 工会动态 > 正文 {HEADLINE} 2023-05-06 10:20 来源：某某日报 {FLAT_BODY}",
        f"{HEADLINE}\n发布时间：2023-05-06 来源：某某日报 {FLAT_BODY}",
    ],
)
def test_a_page_flattened_onto_one_line_is_set_out_again(text, gazetteer):
    piece = _only(text.split("\n"), gazetteer)
    assert (piece.headline, piece.date, piece.outlet) == (HEADLINE, "2023-05-06", "某某日报")
    assert piece.body.startswith("5月5日")


def test_furniture_words_inside_a_sentence_keep_the_sentence(gazetteer):
    lines = [
        HEADLINE,
        "发布时间：2023-05-06",
        "  5月5日，温岭市总工会举办职工篮球联赛，市体育馆为比赛提供场地和技术支持，二十支队伍参加。",
        "  驿站负责人说，本站今年已接待户外劳动者三千多人次，下一篇章是建设更多站点。",
        "技术支持：某某网络公司  ICP备00000000号",
    ]
    piece = _only(lines, gazetteer)
    assert "技术支持，" in piece.body and "本站今年" in piece.body
    assert "ICP" not in piece.body


LONG_HEADLINE = "温岭市总工会举办2023年度职工篮球联赛暨“迎亚运”全民健身系列活动启动仪式——二十支队伍参赛"
COMMAS_HEADLINE = "小球场，大联赛，二十支队伍同场竞技"


@pytest.mark.parametrize(
    "head, headline",
    [
        ([LONG_HEADLINE, "发布时间：2023-05-06"], LONG_HEADLINE),
        ([COMMAS_HEADLINE, "发布时间：2023-05-06"], COMMAS_HEADLINE),
        (["首页 > 工会动态", COMMAS_HEADLINE, "来源：某某日报  2023-05-06"], COMMAS_HEADLINE),
        (["职工篮球联赛开赛", "2023.05.06"], "职工篮球联赛开赛"),
        (["职工篮球联赛开赛", "发布时间：2023年5月6日 星期六"], "职工篮球联赛开赛"),
    ],
)
def test_a_long_headline_or_one_with_two_commas_over_its_source_line(head, headline, gazetteer):
    piece = _only(head + ITEM_BODY, gazetteer)
    assert (piece.headline, piece.date) == (headline, "2023-05-06")
    assert piece.body.startswith("5月5日")


@pytest.mark.parametrize(
    "text, reporters, photographers",
    [
        ("记者 王一鸣/摄", ["王一鸣"], ["王一鸣"]),
        ("王一鸣／摄", [], ["王一鸣"]),
        ("（通讯员：王一鸣）", ["王一鸣"], []),
        ("本报通讯员 王一鸣", ["王一鸣"], []),
        ("通讯员 王一鸣 记者 李小红 文/图", ["王一鸣", "李小红"], ["王一鸣", "李小红"]),
        ("文字：王一鸣 摄影：李小红", ["王一鸣"], ["李小红"]),
        ("记者 欧阳晓东", ["欧阳晓东"], []),
    ],
)
def test_photo_credits_after_a_slash_and_text_and_photographs_by_the_same_names(text, reporters, photographers):
    from importing.bylines import byline_line

    credit = byline_line(text)
    assert (credit.reporters, credit.photographers) == (reporters, photographers)


def test_names_alone_in_brackets_closing_the_last_paragraph_are_its_byline():
    from importing.bylines import trailing_credit

    body, credit = trailing_credit("职工们在比赛中展示了风采。（王一鸣 李小红）")
    assert body == "职工们在比赛中展示了风采。" and credit.reporters == ["王一鸣", "李小红"]
    assert trailing_credit("大家都来了。（二十支队伍）") is None  # no names: not a credit


@pytest.mark.parametrize(
    "text, reporters",
    [
        ("本报讯（记者 王一鸣 通讯员 李小红）近日，温岭市总工会举办联赛。", ["王一鸣", "李小红"]),
        ("某某新闻网讯（记者 王一鸣）5月5日，温岭市总工会举办联赛。", ["王一鸣"]),
        ("本报讯 （记者 王一鸣） 近日，温岭市总工会举办联赛。", ["王一鸣"]),
        ("【本报讯】记者 王一鸣 近日，温岭市总工会举办联赛。", ["王一鸣"]),
    ],
)
def test_datelines_in_brackets_and_spaced_bracketed_credits(text, reporters):
    from importing.bylines import lead

    opening = lead(text)
    assert opening.byline.reporters == reporters
    assert opening.rest.startswith(("近日", "5月"))


D = "2023-05-06"
EPAPER_PAGE = [
    "某某工人日报 数字报纸",
    "第03版：基层",
    "上一版  下一版",
    "本版标题导航",
    "返回目录",
    "小球场上赛风采",
    HEADLINE,
    "——二十支队伍同场竞技",
    "本报讯 通讯员 王一鸣",
    *ITEM_BODY,
    "PDF版",
    f"某某工人日报 基层 00003 {HEADLINE} 2023-05-06 3 2023年05月06日 星期六",
]


@pytest.mark.parametrize(
    "lines, outlet, date",
    [
        ([HEADLINE, *ITEM_BODY, "（来源：某某日报）"], "某某日报", None),
        ([HEADLINE, "原标题：《小球场大联赛》", *ITEM_BODY], None, None),
        ([HEADLINE, "发布日期：2023年05月06日 来源：某某日报 浏览：12 字号：【大 中 小】", *ITEM_BODY], "某某日报", D),
        (EPAPER_PAGE, "某某工人日报", "2023-05-06"),
        ([HEADLINE, "来源：某某日报 | 作者：王一鸣 | 时间：2023-05-06 | 浏览：88次", *ITEM_BODY], "某某日报", D),
        ([HEADLINE, "2023-05-06 来源：某某日报 【我要打印】【关闭】", *ITEM_BODY], "某某日报", "2023-05-06"),
        ([HEADLINE, "时间：2023-05-06 10:20 | 来源：某某日报 | 【大 中 小】", *ITEM_BODY], "某某日报", "2023-05-06"),
        ([HEADLINE, *ITEM_BODY, "责编 李某", "来源：某某日报"], "某某日报", None),  # the desk's line over the source
    ],
)
def test_the_outlet_ends_where_the_lines_bars_and_buttons_begin(lines, outlet, date, gazetteer):
    piece = _only(lines, gazetteer)
    assert (piece.headline, piece.outlet, piece.date) == (HEADLINE, outlet, date)
    assert piece.body.startswith("5月5日") and piece.body.endswith("一周。")


@pytest.mark.parametrize("crumb", ["所在栏目：首页 > 工会动态", "位置：首页 › 工作动态 › 正文", "首页>>基层风采"])
def test_a_breadcrumb_is_known_by_its_short_steps_whatever_words_lead_it(crumb, gazetteer):
    lines = ["建设美丽家园 共享幸福生活", crumb, HEADLINE, "发布时间：2023-05-06", *ITEM_BODY]
    piece = _only(lines, gazetteer)
    assert (piece.headline, piece.subheadline, piece.start_line) == (HEADLINE, None, 3)


@pytest.mark.parametrize(
    "lines",
    [
        ["区总工会夏送清凉-某某资讯网"],  # a browser title and nothing else
        ["首页 > 工会动态 > 正文", "发布时间：2023-05-06", "来源：某某日报"],
        ["级别: 论坛版主", "UID: 1", "楼主 发表于: 2021-10-12", "q0`Vw%", "&ad9VB7"],
        ["某某客户端 | ", "| 某某客户端", "——", "【】", "（）", "记者", "文/", "图："],
        ["原创 某某 某某工会 2023-07-20 08:00 发表于浙江", "点击上方蓝字关注我们", "阅读原文"],
        [f"{HEADLINE} 发布时间：2023-05-06 来源：某某日报 "],
    ],
)
def test_a_page_of_furniture_alone_gives_a_chinese_message_or_pieces_never_a_crash(lines, gazetteer):
    from importing.decode import ImportInputError

    try:
        pieces = _pieces(lines, gazetteer)
    except ImportInputError as exc:
        assert "没有找到" in str(exc) or "文件为空" in str(exc)
    else:
        assert all(piece.body for piece in pieces)


def test_a_sites_name_over_the_headline_is_not_the_headline(gazetteer):
    piece = _only(["某某市总工会网上工作平台", HEADLINE, *ITEM_BODY], gazetteer)
    assert (piece.headline, piece.subheadline) == (HEADLINE, None)


def test_two_copies_each_under_its_breadcrumb(gazetteer):
    second = ["首页 > 工会动态 > 正文", "城东街道举办技能比武", "发布时间：2023-05-07"]
    lines = ["首页 > 工会动态 > 正文", HEADLINE, "发布时间：2023-05-06", *ITEM_BODY, "（区总工会）", "上一篇：无"]
    lines += [*second, "  5月6日，温岭市城东街道总工会举办技能比武，百名职工参加。"]
    pieces = _pieces(lines, gazetteer)
    assert [(p.headline, p.date) for p in pieces] == [(HEADLINE, "2023-05-06"), ("城东街道举办技能比武", "2023-05-07")]


READER_MARKDOWN = [
    f"Title: {HEADLINE}-某某新闻网",
    "URL Source: http://www.example.com/news/1.html",
    "Published Time: 2023-05-06T10:20:00+08:00",
    "Markdown Content:",
    "[首页](http://example.com/) > [工会动态](http://example.com/a/) > 正文",
    f"# {HEADLINE}",
    "发布时间：2023-05-06 来源：某某新闻网",
    "![](http://example.com/1.jpg)",
    *ITEM_BODY,
    "[上一篇：职工书屋开放](http://example.com/2.html)",
]


@pytest.mark.parametrize(
    "lines",
    [
        READER_MARKDOWN,
        [
            f"## {HEADLINE}",
            "",
            "2023-05-06 来源：某某新闻网",
            "",
            *ITEM_BODY,
            "",
            "### 相关新闻",
            "* [书屋](http://e.com/2)",
        ],
        [f"# {HEADLINE}", "", "发布时间：2023-05-06 来源：某某新闻网", "", *ITEM_BODY],  # headings, no links
        [f"**{HEADLINE}**", "", "发布时间：2023-05-06 来源：某某新闻网", "", *ITEM_BODY],
    ],
)
def test_a_web_page_a_reader_tool_wrote_in_markdown(lines, gazetteer):
    piece = _only(lines, gazetteer)
    assert (piece.headline, piece.date, piece.outlet) == (HEADLINE, "2023-05-06", "某某新闻网")
    assert piece.body.startswith("5月5日") and "http" not in piece.body and "上一篇" not in piece.body


def test_the_papers_issue_line_is_furniture_and_a_couplet_under_a_lead_in_is_the_main_title(gazetteer):
    lines = [
        "某某日报 2023年09月22日 星期五",
        "温岭市总工会为一线职工解难题",
        "球场连心桥 联赛暖人心",
        "《某某日报》（2023年09月22日 02版）",
        "本报讯 （记者王一鸣）" + ITEM_BODY[0].strip(),
        ITEM_BODY[1],
    ]
    piece = _only(lines, gazetteer)
    assert (piece.headline, piece.subheadline) == ("球场连心桥 联赛暖人心", "温岭市总工会为一线职工解难题")
    assert (piece.outlet, piece.page, piece.date) == ("某某日报", "第2版", "2023-09-22")


@pytest.mark.parametrize(
    "text, reporters, photographers",
    [
        ("王一鸣 李小红 文/摄", ["王一鸣", "李小红"], ["王一鸣", "李小红"]),
        ("王一鸣/文 李小红/图", ["王一鸣"], ["李小红"]),
        ("作者：王一鸣（某某区总工会）", ["王一鸣"], []),
        ("记者 王一鸣 通讯员 李小红 视频 张晓东", ["王一鸣", "李小红"], ["张晓东"]),
        ("记者 王一鸣 摄像 李小红", ["王一鸣"], ["李小红"]),
        ("通讯员 王一鸣 文图", ["王一鸣"], ["王一鸣"]),
        ("撰文：王一鸣 摄影：李小红", ["王一鸣"], ["李小红"]),
        ("记者：王一鸣 / 通讯员：李小红", ["王一鸣", "李小红"], []),
        ("【记者 王一鸣】", ["王一鸣"], []),
        ("某某新闻·某某晚报记者 王一鸣", ["王一鸣"], []),
    ],
)
def test_names_before_what_they_did_video_credits_and_an_authors_organisation(text, reporters, photographers):
    from importing.bylines import byline_line

    credit = byline_line(text)
    assert (credit.reporters, credit.photographers) == (reporters, photographers)


def test_keyed_credits_in_brackets_closing_the_last_paragraph():
    from importing.bylines import trailing_credit

    body, credit = trailing_credit("职工们在比赛中展示了风采。（王一鸣/文 李小红/图）")
    assert body == "职工们在比赛中展示了风采。"
    assert (credit.reporters, credit.photographers) == (["王一鸣"], ["李小红"])


GREETINGS_AND_TOOLS = ["某某区总工会网站欢迎您！", "设为首页 加入收藏", "无障碍浏览 长者模式", "请输入关键字"]


@pytest.mark.parametrize("header", GREETINGS_AND_TOOLS)
def test_a_sites_greeting_and_tools_over_the_headline_are_furniture(header, gazetteer):
    piece = _only([header, HEADLINE, *ITEM_BODY], gazetteer)
    assert (piece.headline, piece.subheadline) == (HEADLINE, None)


def test_a_headline_about_scanning_a_code_to_join_is_no_wechat_prompt(gazetteer):
    piece = _only(["扫描二维码就能入会", "发布时间：2023-05-06", *ITEM_BODY], gazetteer)
    assert piece.headline == "扫描二维码就能入会"


def test_a_web_copys_headline_is_the_line_over_its_source_line_under_a_slogan(gazetteer):
    piece = _only(["建设美丽家园 共享幸福生活", COMMAS_HEADLINE, "发布时间：2023-05-06", *ITEM_BODY], gazetteer)
    assert piece.headline == COMMAS_HEADLINE


def test_a_deck_stating_who_did_what_stays_the_deck_over_a_source_line(gazetteer):
    deck = "温岭市总工会举办职工篮球联赛"
    piece = _only(["小球场上赛风采", deck, "发布时间：2023-05-06", *ITEM_BODY], gazetteer)
    assert (piece.headline, piece.subheadline) == ("小球场上赛风采", deck)


@pytest.mark.parametrize("site", ["某某新闻网", "中工网", "某某市总工会网上工作平台"])
def test_a_headline_ending_in_net_is_no_sites_name(gazetteer, site):
    # "…织密服务网" is a headline; a short name ending in 网, or a site's word, is the site's.
    headline = "区总工会为职工织密一张服务大网"
    piece = _only([headline, "", "21.10.2015  17:19", "    " + ITEM_BODY[0].strip(), ITEM_BODY[1]], gazetteer)
    assert piece.headline == headline
    piece = _only([site, HEADLINE, *ITEM_BODY], gazetteer)
    assert (piece.headline, piece.subheadline) == (HEADLINE, None)


def test_a_leads_opening_line_is_no_headline_on_a_page_that_prints_none(gazetteer):
    # a copy with no headline whose text is broken into short lines: its first line opens on a date and a comma
    piece = _only(
        [
            "5月8日上午，海宁市总工会在硖石街道为快递员送去防暑用品",
            "和慰问金，并为新入会的二十名快递员发放了会员卡。",
            "活动现场还开展了劳动法律咨询。",
        ],
        gazetteer,
    )
    assert piece.headline is None
    assert piece.unit_name == "海宁市总工会"


def test_a_channels_or_sites_name_over_a_text_without_a_headline_is_no_headline(gazetteer):
    for banner in ("职工文体", "某某新闻网", "工会要闻", ">今日桐乡", "[工会]"):
        piece = _only(
            [
                banner,
                "发布时间：2024-03-08 10:15",
                "",
                "  近日，桐乡市总工会在梧桐街道举办女职工插花技能比赛，六十名女职工参加。",
            ],
            gazetteer,
        )
        assert piece.headline is None, banner
        assert (piece.unit_name, piece.date) == ("桐乡市总工会", "2024-03-08")
    # a short headline of the text's own words stays one, and a poetic one of six characters or more too
    for title in ("插花比巧手", "春风十里 花开梧桐"):
        piece = _only(
            [title, "发布时间：2024-03-08 10:15", "", "  近日，桐乡市总工会举办女职工插花比巧手活动。"], gazetteer
        )
        assert piece.headline == title


def test_a_dated_text_about_workers_without_headline_byline_or_union_is_kept_for_the_editor(gazetteer):
    piece = _only(
        [
            "2024-12-06 21:40:44",
            "",
            "  入冬以来，城区各爱心驿站为环卫工人、外卖小哥准备了热水和姜茶，每天接待户外劳动者两百余人次。",
        ],
        gazetteer,
    )
    assert (piece.headline, piece.unit_name, piece.date) == (None, None, "2024-12-06")


def test_a_source_line_with_its_posting_time_or_a_line_of_names_is_no_headline():
    from importing.headlines import plausible_headline

    body = "近日，桐乡市总工会在梧桐街道举办女职工插花技能比赛，六十名女职工参加。"
    assert not plausible_headline("某某资讯 头条推荐 来源 2024-03-08 10:15:20", body)
    assert not plausible_headline("王小明 李华", body)
    assert plausible_headline("桐乡女职工插花比技能", body)


def test_a_source_lines_byline_credits_a_text_printed_without_a_headline(gazetteer):
    piece = _only(
        [
            "2024年05月06日 10:20:33 来源：某某日报 记者 王小明",
            "",
            "  5月5日，温岭市总工会在市体育馆举办职工篮球联赛，二十支队伍参加。",
        ],
        gazetteer,
    )
    assert (piece.headline, piece.reporter, piece.date) == (None, "王小明", "2024-05-06")


def test_a_line_of_names_atop_a_text_without_headline_is_its_byline(gazetteer):
    piece = _only(["王小明 李华", "", "  5月5日，温岭市总工会在市体育馆举办职工篮球联赛，二十支队伍参加。"], gazetteer)
    assert (piece.headline, piece.reporter) == (None, "王小明、李华")


def test_a_news_aggregators_name_after_the_headline_is_the_site_not_part_of_the_headline():
    from importing.furniture import site_title

    assert site_title("浙江桐乡：职工书屋延时开放-某某新资讯") == ("浙江桐乡：职工书屋延时开放", "某某新资讯")


def test_a_date_line_with_the_font_sizes_buttons_dates_the_page_under_its_headline(gazetteer):
    piece = _only(
        [
            "职工法律服务 十年 守护",
            "",
            "2024-12-23  A+ A-",
            "  近日，桐乡市总工会职工法律服务站迎来开站十周年，累计接待职工咨询三千余人次。",
        ],
        gazetteer,
    )
    assert (piece.headline, piece.date) == ("职工法律服务 十年 守护", "2024-12-23")


def test_a_forums_login_bar_and_thread_bar_are_furniture_over_the_threads_title(gazetteer):
    piece = _only(
        [
            "某某论坛",
            "找回密码",
            "立即注册",
            "只需一步，快速开始",
            "快捷登录",
            "编辑推荐",
            "查看: 321|回复: 0",
            "打印 上一主题 下一主题",
            "",
            "新河：职工技能比武展风采",
            "",
            "[复制链接]",
            "跳转到指定楼层",
            "  近日，温岭市新河镇总工会举办职工技能比武，六十名职工参加。",
        ],
        gazetteer,
    )
    assert piece.headline == "新河：职工技能比武展风采"


def test_a_forum_posts_date_after_its_poster_and_发表于_dates_the_page():
    from importing.sources import meta_line

    assert meta_line("发表于 2024-7-5 09:32 | 只看该作者 回帖奖励 |倒序浏览").date == "2024-07-05"
    assert meta_line("某某爱好者 发表于 2023-6-2 15:49:05").date == "2023-06-02"
    assert meta_line("他的文章发表于报刊。") is None
