"""The hand-read corpus as a regression suite: no figure invented anywhere, exact readings where claimed.

Every entry of tests/fixtures/corpus is a published report exactly as found (source in its
expected.json) with its figures typed in by a person reading the text. ``EXACT`` lists the entries that
read completely right today (figures and identity); the accuracy table per layout and era is printed by
``bench/ingest_corpus.py --markdown`` and quoted in docs/ingest.md.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.ingest.pipeline import UnrecognisedFile, ingest_reading
from gongkai.ingest.scoring import Expected, corpus_entries, score
from gongkai.reports.data import Cell, ProseFigure, ReportData

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"
ENTRIES = corpus_entries(CORPUS)
IDS = [exp.id for _p, exp in ENTRIES]

# Entries that read exactly (every figure right, none missing or invented, agency and year as stated).
EXACT = {
    "ah-anqing-city-2018", "ah-bengbu-town-2016", "ah-fengyang-zhongdu-street-2023", "ah-guangde-jtj-2011",
    "ah-guangde-tongrui-street-2023", "ah-huangcun-town-2014", "ah-jingxian-county-2012", "ah-langxi-jtj-2019",
    "ah-nanqiao-gykfq-2015", "ah-suzhou-city-2016", "ah-tljq-town-2017", "ah-xiangpu-town-2020", "ah-xinan-town-2021",
    "ah-xuanzhou-zrzyj-2021-mirror", "ah-yangliu-town-2021", "ah-yuan-wjw-2022", "ah-zongpu-town-2013",
    "bj-bda-kfq-2012", "bj-daxing-fgw-2010", "bj-desheng-street-2009", "bj-donghuamen-street-2011",
    "bj-guangnei-street-2013", "bj-haidian-unit-a-table", "bj-haidian-unit-b-table", "bj-hbj-2010",
    "bj-jianguomen-street-2013", "bj-shijingshan-sfj-2010-bilingual", "bj-xichangan-street-2015",
    "bj-xinfangban-2009-hant", "bj-xinfangban-2014", "bj-xingfeng-street-2016-docshare", "bj-xinhua-street-2019",
    "bj-zhanlanlu-street-2014", "cq-dushi-town-2019", "cq-erlang-street-2022", "cq-fulu-town-2021",
    "cq-hebao-town-2020", "cq-wulong-county-2011", "cq-yongchuan-gxq-2020", "cq-yongxin-town-2020", "cq-ytz-town-2022",
    "cq-yuntai-town-2020", "cq-zengfu-town-2025", "fj-anren-town-2010", "fj-anxi-county-2012", "fj-baisha-town-2025",
    "fj-baiyun-town-2011", "fj-baizhang-town-2015", "fj-cangshan-nlsj-2011", "fj-cannei-town-2012",
    "fj-changkeng-town-2017", "fj-changle-district-2018", "fj-changtai-town-2019", "fj-changtai-town-2020",
    "fj-chengxiang-town-2013", "fj-chengxiang-yc-town-2016", "fj-chishui-town-2012", "fj-chixi-town-2010",
    "fj-dahu-town-2023", "fj-datian-town-2025", "fj-dehua-sjj-2010", "fj-dongling-town-2010", "fj-dongpu-town-2013",
    "fj-dongshi-town-2025", "fj-fengcheng-town-2016", "fj-fengze-district-2013", "fj-fengze-sjj-2010",
    "fj-fengze-wjj-2023", "fj-fuding-city-2015", "fj-fuqing-city-2010-hant", "fj-fuqing-mzj-2016",
    "fj-futian-town-2020", "fj-fuzhou-gtj-2011", "fj-fuzhou-sfj-2010-hant", "fj-fzgxq-2009",
    "fj-guanqian-town-2010-hant", "fj-guiyang-town-2020", "fj-guleigang-kfq-2023", "fj-gulou-district-2025",
    "fj-gulou-scjgj-2025", "fj-haibin-street-2023-hant", "fj-haicang-nyncj-2020", "fj-hanjiang-nyncj-2019",
    "fj-hanjiang-town-2011", "fj-hongshan-town-2011", "fj-hongshan-town-2021", "fj-houyu-town-2021",
    "fj-huangtang-town-2009", "fj-huian-fgj-2011", "fj-huli-district-2018", "fj-jialian-street-2015",
    "fj-jiangkou-town-2021", "fj-jiangnan-street-2023-hant", "fj-jianou-county-2019", "fj-jianou-county-2023",
    "fj-jimei-czj-2014", "fj-jinan-district-2016", "fj-jingxi-town-2025", "fj-jinjiang-sjj-2025",
    "fj-jinjiang-wlj-2022", "fj-kuidou-town-2020", "fj-lianhe-town-2020", "fj-licheng-district-2017",
    "fj-licheng-nyslj-2022", "fj-longyan-city-2012-hant", "fj-luojiang-gsj-2016", "fj-luojiang-wsjkj-2025",
    "fj-luoyuan-fgj-2024", "fj-meizhoudao-office-2021", "fj-minhou-czj-2024", "fj-minhou-office-2023",
    "fj-minhou-sjj-2018", "fj-minhou-slj-2010", "fj-minhou-swj-2019", "fj-minqing-office-2022", "fj-minqing-sjj-2013",
    "fj-nanping-city-2012", "fj-ninghua-wtlyj-2024", "fj-penghu-town-2019", "fj-putian-chengxiang-lsj-2011",
    "fj-putian-form-2009-blank", "fj-putian-hyyyj-2014", "fj-quanxiu-street-2023", "fj-quanzhou-city-2019",
    "fj-quanzhou-tjj-2020", "fj-qzkfq-shsyj-2020", "fj-qzts-spj-2025", "fj-rongqiao-kfq-2011", "fj-sanming-mzj-2014",
    "fj-sanyuan-zhongcun-town-2025", "fj-shangdu-street-2023", "fj-shaowu-county-2018", "fj-shigu-town-2025",
    "fj-shouning-county-2014", "fj-shuibu-street-2023", "fj-sidu-town-2022", "fj-siming-district-2012",
    "fj-tongan-jsj-2020", "fj-wufeng-street-2023", "fj-wufeng-town-2020", "fj-wuyishan-office-2018",
    "fj-xiagang-street-2017", "fj-xiamei-town-2024", "fj-xiamen-city-2016", "fj-xiamen-mzzjj-2025",
    "fj-xiangan-jsjtj-2023", "fj-xianghu-town-2019", "fj-xianjia-town-2019", "fj-xianyou-czj-2021",
    "fj-xilan-town-2014", "fj-xinan-town-2011", "fj-xingbin-street-2021", "fj-xinxian-town-2012",
    "fj-xiongjiang-town-2022", "fj-xiuyu-district-2015", "fj-yanping-office-2018", "fj-yongchun-sjj-2014",
    "fj-yongtai-county-2013", "fj-yongtai-office-2022", "fj-zhangping-county-2022", "fj-zhangping-county-2023",
    "fj-zhangping-office-2021", "fj-zhangping-office-2023", "fj-zhangzhou-city-2013", "fj-zhangzhou-wjmj-2012-hant",
    "fj-zhongfang-town-2017", "fj-zhongshan-town-2016", "gd-beijingjie-street-2020-mirror", "gd-beipo-town-2022-hant",
    "gd-bureau-2012-hant", "gd-chongkou-street-2021-mirror", "gd-dachong-town-2010-hant", "gd-dalubian-town-2012",
    "gd-fengan-town-2012", "gd-guangzhou-city-2012", "gd-guangzhou-rsj-2022-hant", "gd-guanzhou-street-2023",
    "gd-haizhu-tzcjj-2022-hant", "gd-heping-town-2023", "gd-huafu-street-2022", "gd-jiangmen-glj-2014-mirror",
    "gd-jiangmen-office-2013-hant", "gd-jiangnanzhong-street-2020", "gd-jianxin-town-2018", "gd-jiedong-glj-2015",
    "gd-longgang-dept-2024", "gd-longgui-town-2016", "gd-lufeng-hedong-town-2021", "gd-meilin-street-2011",
    "gd-minzhi-street-2022", "gd-nanyuan-street-2020", "gd-ningzhong-town-2017", "gd-panyu-office-2019",
    "gd-pingshan-office-2017", "gd-pingshan-street-2017", "gd-shangping-town-2023", "gd-tangjing-street-2021",
    "gd-tanzhou-town-2010-hant", "gd-wushi-town-2021", "gd-xinhua-street-2021-hant", "gd-xinxing-street-2019",
    "gd-xuwen-sfj-noyear", "gd-yayao-town-2020-hant-pinyin", "gd-zhanjiang-dfzb-2023", "gs-baiyin-tjj-2020",
    "gs-dingxi-template", "gs-huining-gangouyi-town-2022", "gs-jiefanglu-street-2021", "gs-lintao-manwa-town-2022",
    "gs-pingchuan-fgj-2025", "gs-silong-town-2025", "gs-xingguo-town-2025", "gs-yinchuan-town-2022",
    "gs-zhangye-tjj-2020-hant", "gs-zhangyi-town-2008", "gs-zhangyi-town-2009", "gx-bbwb-office-2022-glued",
    "gx-guzhai-town-2025", "gx-nanping-town-2021", "gx-qinzhou-office-2013", "gx-quanzhou-county-2022",
    "gz-congjiang-county-2021", "gz-datang-town-2020", "gz-guian-jfj-2023", "gz-huangla-town-2021", "gz-jgsw-dept-2020",
    "gz-mindong-town-2022", "gz-zunyi-rsj-2021", "ha-dengzhou-jitan-town-2025", "ha-guangshan-county-2015",
    "ha-lumiao-town-2021", "ha-luwangfen-town-2021", "ha-pingdingshan-office-2010-mirror",
    "ha-tongbai-chengjiao-town-2025", "ha-tongbai-huaiyuan-town-2025", "ha-xinyang-city-2012",
    "ha-xinye-hanhua-street-2022", "ha-xinye-office-2020", "ha-xinye-wangzhuang-town-2022", "ha-xinye-wjw-2021-glued",
    "ha-zhengyang-county-2014", "ha-zhongyuan-sjj-2015", "ha-zhongzhan-district-2013", "hb-dengnan-street-2021",
    "hb-donghu-cxgz-office-2025", "hb-dongyuelu-street-2022", "hb-hanyang-office-2022", "hb-hanzheng-street-2025",
    "hb-hongshan-luonan-street-2020", "hb-laifeng-jkq-2018", "hb-laifeng-zwj-2021", "hb-nanzhang-wuan-town-2020",
    "hb-qianjiang-yuyang-town-2022", "hb-qiaokou-district-2015", "hb-shayang-county-2017", "hb-tjj-dept-2009",
    "hb-wuhan-sthjj-2020-hant", "hb-xianning-rfb-2018", "hb-yijia-street-2021", "he-dawuli-town-2020",
    "he-dingzhou-zhuanlu-town-2020", "he-province-2020", "he-shijiazhuang-wjw-2020", "he-tianshengqiao-town-2021",
    "he-tiyuju-bureau-2011", "he-weixian-county-2021", "he-xiaocun-town-2021", "he-xiongxian-town-2019",
    "he-xushui-district-2022-oneline", "he-xushui-jtj-2021", "he-yixian-county-2022-hant-pinyin", "hi-haikou-wsj-2010",
    "hi-haitang-district-2015", "hi-nanlv-town-2012", "hi-qionghai-city-2011", "hi-qionghai-town-2022",
    "hi-tunchang-bureau-2015", "hi-wencheng-town-2018", "hl-beiyinhe-town-2022", "hl-fuyuan-zrzyj-2022-hant",
    "hl-harbin-wqb-2011-mirror", "hl-huachuan-wjj-2021", "hl-jingwei-street-2022", "hl-liansheng-town-2025",
    "hl-maoershan-town-2020", "hl-minyi-town-2021", "hl-mulan-fgj-2022", "hl-qiqihar-city-2018",
    "hl-wuchang-zrzyj-2024", "hl-xinan-town-2021-mirror", "hl-yanan-town-2021", "hn-banlishu-town-2022-hant",
    "hn-changjiang-town-2023-hant", "hn-chengbu-jinzi-town-2021", "hn-daoxian-bureau-2013", "hn-eryou-town-2020-hant",
    "hn-guihua-street-2019", "hn-guihuaping-street-2020", "hn-henglongqiao-town-2020", "hn-hengnan-wjj-2020",
    "hn-hengyang-spj-2023-mirror", "hn-hengyang-swj-2022-oneline", "hn-huarong-county-2014", "hn-jiangnan-town-2020",
    "hn-lancun-town-2020", "hn-mayang-bureau-2020-hant", "hn-nanhu-bureau-2019", "hn-pingjiang-daj-2017",
    "hn-province-office-2020-hant", "hn-sandun-town-2024", "hn-songmutang-town-2022", "hn-xian-town-2015",
    "hn-xiangyin-county-2016", "hn-yanglin-town-2023", "hn-yueyang-bureau-2018-statsform", "hn-yunhuqiao-town-2023",
    "hn-zhabu-town-2021", "jl-changchun-bureau-2023", "jl-changchun-gxq-2015", "jl-hunjiang-hekou-street-2021",
    "jl-jiangmifeng-town-2013", "jl-jiapigou-town-2012", "jl-jiefang-street-2011", "jl-jinchang-town-2025",
    "jl-liaoyuan-xian-district-2010", "jl-songjianghe-town-2020", "jl-xinghua-town-2010", "jl-xinhua-street-2012",
    "jl-yayuan-town-2025", "js-anzhen-street-2024", "js-chengxi-street-2017", "js-donggang-town-2021",
    "js-dongting-street-2024", "js-haimen-jkq-2023-mirror", "js-houqiao-street-2023", "js-hutang-town-2018",
    "js-jurong-slj-2022", "js-qilin-street-2023", "js-shuyang-county-2025-pdfmd", "js-shuyang-fgj-2023-html",
    "js-suqian-city-2017", "js-taizhou-city-2017", "js-taizhou-gxq-2017", "js-wujin-fgj-2009", "js-xishan-sfj-2010",
    "js-yancheng-sthjj-2022", "js-yunlin-street-2019", "jx-changjiang-xfj-2022", "jx-chijiang-town-2014",
    "jx-dalong-town-2020", "jx-duifang-town-2023", "jx-fulong-town-2025", "jx-hedong-town-2022",
    "jx-jinxian-county-2014-mirror", "jx-luzhou-town-2018-mirror", "jx-nankeng-town-2012", "jx-office-2019-hant",
    "jx-shanggao-county-2017-mirror", "jx-tongtian-town-2018", "jx-xinglian-town-2010", "jx-xiniu-town-2015",
    "jx-zangwan-town-2018", "jx-zhongcun-town-2020", "ln-anshan-city-2014", "ln-anshan-rsj-2020",
    "ln-bali-town-2023-glued", "ln-changgao-town-2025", "ln-faku-zrzyj-2022", "ln-haicheng-sjj-2025",
    "ln-heping-street-2025", "ln-jianping-wjj-2020", "ln-kazuo-wjj-2025", "ln-lingyuan-town-2025", "ln-mzt-2025",
    "ln-tiexi-fgj-2025", "ln-tiexi-office-2025", "ln-wsjkw-2020", "ln-xinxing-street-2025", "ln-xisi-town-2025-glued",
    "nm-harinuoer-sumu-2019", "nm-hulunbeier-city-2011", "nm-mandela-sumu-2021", "nm-ordos-mzj-2011",
    "nm-shangdu-maodu-town-2022", "nm-shifudonglu-street-2025", "nm-taipusi-banner-2017-hant",
    "nm-wentugaole-sumu-2021", "nm-wuhai-gxj-2020", "nm-xilinguole-swj-2021", "nm-xinganmeng-sthjj-2022",
    "nx-suyin-cyy-2025", "nx-xingqing-district-2023", "nx-yinchuan-office-2022", "qh-haidong-city-2013",
    "qh-lirang-street-2025", "qh-province-2012", "sc-chaoyang-town-2016", "sc-dazhu-chuanzhu-town-2019-glued",
    "sc-ganmei-zone-2023", "sc-huangjia-town-2019", "sc-huilan-town-2019", "sc-jinkouhe-wglj-2024",
    "sc-leshan-fazhiban-2010-hant", "sc-meishan-rsj-2022", "sc-qingchuan-xczxj-2021", "sc-sewei-town-2021",
    "sc-songjiang-town-2020", "sc-xicheng-street-2020", "sc-xuanhan-zjj-2018", "sc-yixing-town-2020",
    "sc-zhongjiang-bureau-2022-mirror", "sc-zhongxiang-town-2019", "sd-anqiu-jsj-2010", "sd-boshan-shantou-street-2020",
    "sd-changjia-town-2025", "sd-chengshan-town-2019", "sd-dongguo-town-2020-mirror", "sd-gongyuan-street-2021",
    "sd-guocang-town-2025", "sd-jiaxiang-spj-2022-mirror", "sd-jinkou-town-2015", "sd-jinxiang-swj-2009",
    "sd-liangcheng-town-2020", "sd-linyi-hbj-2013", "sd-linyi-wsj-2010", "sd-maqiao-town-2016", "sd-pingdu-office-2012",
    "sd-rongcheng-fgj-2013-hant", "sd-rushan-kfq-2020-hant-pinyin", "sd-rushan-kfq-2021-hant-pinyin",
    "sd-shenji-2020-pdfpage", "sd-suan-town-2018", "sd-tangcun-town-2010", "sd-tangcun-town-2020",
    "sd-weihai-city-2024", "sd-wenchanghu-lyj-2020", "sd-wendeng-czj-2025", "sd-wendeng-xinfang-2022-pdfpage",
    "sd-wendeng-zhujianju-2019", "sd-xiazhuang-town-2010", "sd-yishui-wsj-2009", "sd-zichuan-wjj-2014", "sh-city-2022",
    "sh-gaoqiao-town-2009", "sh-huangpu-district-2010", "sh-kewei-bureau-2024-pdfmd", "sh-kongjianglu-street-2010",
    "sh-office-2019-html", "sh-wusong-street-2014-ip", "sh-zhoujiaqiao-street-2023-mirror", "sn-ankang-slj-2012",
    "sn-changan-paoli-street-2022", "sn-dizhang-street-2024", "sn-fenghuang-town-2021-hant-pinyin", "sn-fugu-jtj-2022",
    "sn-longxian-chengguan-town-2023", "sn-lueyang-zrzyj-2021-hant", "sn-maoping-town-2022", "sn-meizi-town-2024",
    "sn-shanyang-county-2020", "sn-sthjt-2021", "sn-taiping-town-2022", "sn-taoyuan-kfq-2023",
    "sn-tiebiancheng-town-2022", "sn-weinan-mzj-2019", "sn-weinan-swj-2019", "sn-xi-town-2022", "sn-xian-office-2018",
    "sn-yangling-sjj-2022", "sn-yangling-tjj-2020", "sx-jianning-town-2021", "sx-luzhou-town-2019",
    "sx-songcun-town-2023", "sx-xingxian-county-2015", "sx-yuncheng-jkq-2020", "tj-baoshuiqu-2022",
    "tj-binhai-gxq-2021", "tj-dazhongzhuang-town-2019", "tj-hebei-office-2025", "tj-hedong-mzj-2019",
    "tj-hexiwu-town-2019", "tj-huaxin-street-2024-mirror", "tj-hujiayuan-street-2024", "tj-jiarongli-street-2021",
    "tj-jinqiao-street-2020", "tj-nankai-district-2012-mirror", "tj-ninghe-district-2014", "tj-sicundian-town-2019",
    "xj-ashili-town-2025", "xj-liyuan-street-2020", "xj-township-2023", "xj-urumqi-tyj-2019-hant-pinyin",
    "xj-yining-county-2014", "xx-bureau-2019-detached-zeros", "xx-district-tjj-2023", "xx-dizhenju-2010-hant",
    "xx-fengshou-town-2022-mirror", "xx-pdf-text-page4-gh", "xx-qili-town-2020-mirror", "xx-street-2019-mirror-table3",
    "xz-gzw-dept-2020", "xz-lasa-city-2016", "xz-region-2011-page2", "xz-region-2023-hant-pinyin", "xz-shenjiting-2025",
    "xz-zuogong-county-2021", "yn-gengma-sfj-2021", "yn-heqing-office-2021", "yn-maandi-town-2021",
    "yn-qiaotou-town-2022", "yn-xianjie-street-2016-hant-pinyin", "yn-yipinglang-town-2022", "zj-anyang-street-2023",
    "zj-beicheng-street-2016", "zj-binjiang-bureau-2017-hant", "zj-chumen-town-2014", "zj-daxue-town-2015",
    "zj-dongpu-town-2016", "zj-fenglin-town-2010", "zj-fengmen-street-2016", "zj-fengming-street-2016",
    "zj-ganlin-town-2012", "zj-gulai-town-2011", "zj-hunan-town-2021", "zj-huzhen-town-2013", "zj-huzhou-kfq-2010-hant",
    "zj-jinxi-town-2018", "zj-liao-street-2023", "zj-lishui-city-2017", "zj-liushi-street-2017", "zj-lucheng-czj-2014",
    "zj-mingao-town-2018", "zj-nancheng-street-2014", "zj-niansanli-street-2022", "zj-oubei-zone-2012",
    "zj-pujiang-jtj-2020", "zj-sanjiang-street-2014", "zj-sanmen-gyc-2016", "zj-weishan-town-2017",
    "zj-wenzhou-kgxq-2017", "zj-wenzhou-rsj-2022", "zj-wuyi-nyncj-2020", "zj-xiaguan-town-2009-oneline",
    "zj-xianju-xiage-town-2023", "zj-xiaoshan-chengxiang-street-2022", "zj-xiaoshan-nyncj-2024", "zj-xietang-town-2013",
    "zj-yiting-town-2009", "zj-yongjia-nyj-2010", "zj-zhuji-anhua-town-2018",
}


def _read(path: Path, exp: Expected):  # type: ignore[no-untyped-def]
    try:
        r = ingest_reading(path.name, path.read_bytes())
    except UnrecognisedFile:
        return score(None, exp)
    return score(r.data, exp, evidence=r.evidence)


def test_corpus_is_real_and_varied() -> None:
    assert len(ENTRIES) >= 40
    assert len({exp.province for _p, exp in ENTRIES}) >= 20
    assert {exp.era for _p, exp in ENTRIES} >= {"2021", "2019", "narrative", "local2008"}
    for _p, exp in ENTRIES:
        assert exp.source and exp.layout and exp.level, exp.id


def test_no_page_is_filed_twice() -> None:
    # Three pages had been filed twice under two ids (removed 2026-12-02): a page counted twice would weigh twice in
    # the accuracy tables. Same bytes, or the same address, is the same page.
    seen: dict[bytes, str] = {}
    for path, exp in ENTRIES:
        body = path.read_bytes()
        assert body not in seen, (exp.id, seen.get(body))
        seen[body] = exp.id
    addresses = [exp.source.split(" ")[0] for _p, exp in ENTRIES if exp.source.startswith("http")]
    assert len(addresses) == len(set(addresses)), [a for a in set(addresses) if addresses.count(a) > 1]


@pytest.mark.parametrize(("path", "exp"), ENTRIES, ids=IDS)
def test_no_figure_invented_or_wrong(path: Path, exp: Expected) -> None:
    s = _read(path, exp)
    assert (s.invented, s.wrong) == (0, 0), s.details


@pytest.mark.parametrize(("path", "exp"), [e for e in ENTRIES if e[1].id in EXACT],
                         ids=[i for i in IDS if i in EXACT])
def test_exact_reading(path: Path, exp: Expected) -> None:
    s = _read(path, exp)
    assert s.exact and s.identity_ok, s.details


def test_exact_list_names_real_entries() -> None:
    assert set(IDS) >= EXACT


# --- the scorer itself can fail -------------------------------------------------------------------------

def _exp(**figures: object) -> Expected:
    table = {k: v for k, v in figures.items() if not k.startswith("prose_")}
    prose = {k.removeprefix("prose_"): v for k, v in figures.items() if k.startswith("prose_")}
    return Expected(id="x", source="s", province="p", level="l", agency="某镇", year=2020, era="2021", layout="t",
                    figures={k.replace("__", "."): v for k, v in table.items()},  # type: ignore[misc]
                    prose={k.replace("__", "."): v for k, v in prose.items()},  # type: ignore[misc]
                    blank=frozenset({"table3.granted.research"}))


def test_scorer_counts_right_wrong_missing_invented() -> None:
    exp = _exp(table3__granted__total=5, table3__granted__natural_person=5, table2__penalty__decisions=1,
               prose_proactive__total=[22])
    d = ReportData(agency_name="某镇", year=2020, era="2021")
    d.set("table3", "granted", "total", Cell(5))
    d.set("table3", "granted", "natural_person", Cell(4))
    d.set("table3", "granted", "research", Cell(0))  # printed blank: reading 0 there is inventing
    d.figures.append(ProseFigure("proactive.total", 22))
    d.figures.append(ProseFigure("proactive.channel", 15))
    s = score(d, exp)
    assert (s.right, s.wrong, s.missing, s.invented) == (2, 1, 1, 2)
    assert not s.exact and s.identity_ok


def test_scorer_identity_and_unsure() -> None:
    exp = _exp(table3__granted__total=Decimal(12))
    d = ReportData(agency_name="别的镇", year=2021, era="2021")
    d.set("table3", "granted", "total", Cell(None, raw="12", unsure=True))  # no alternatives: not a claim
    s = score(d, exp)
    assert not s.identity_ok and s.missing == 1 and s.unsure == 0
