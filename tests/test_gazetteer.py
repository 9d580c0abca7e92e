import pytest

from pilots.models import PilotUnit, Region, RegionLevel

from .conftest import compilation_unit_lines, seed_lines

pytestmark = pytest.mark.django_db


def test_it_has_the_eleven_cities():
    cities = set(Region.objects.cities().values_list("name", flat=True))
    assert cities == {
        "杭州市",
        "宁波市",
        "温州市",
        "嘉兴市",
        "湖州市",
        "绍兴市",
        "金华市",
        "衢州市",
        "舟山市",
        "台州市",
        "丽水市",
    }


def test_it_has_the_89_county_level_divisions_of_2018():
    in_2018 = Region.objects.filter(
        level__in=[RegionLevel.DISTRICT, RegionLevel.COUNTY_CITY, RegionLevel.COUNTY]
    ).exclude(established_year__gt=2018)
    assert in_2018.count() == 89
    assert set(in_2018.values_list("code", flat=True)) >= {"330104", "330103", "331081", "330523"}


@pytest.mark.parametrize(
    ("county", "city"),
    [
        ("温岭市", "台州市"),
        ("临海市", "台州市"),
        ("安吉县", "湖州市"),
        ("长兴县", "湖州市"),
        ("德清县", "湖州市"),
        ("嘉善县", "嘉兴市"),
        ("海宁市", "嘉兴市"),
        ("桐乡市", "嘉兴市"),
        ("慈溪市", "宁波市"),
        ("余姚市", "宁波市"),
        ("象山县", "宁波市"),
        ("金华开发区", "金华市"),
        ("缙云经济开发区", "丽水市"),
    ],
)
def test_county_names_as_printed_resolve_to_their_city(county, city):
    region = Region.objects.resolve_county(county)
    assert region is not None and region.city.name == city


def test_every_county_level_name_in_the_sources_resolves_to_its_city():
    """Each unit-name line of the compilation starts with a city or a county-level name."""
    counties = {r.name: r for r in Region.objects.counties()}
    lines = compilation_unit_lines(tuple(counties) + tuple(Region.objects.cities().values_list("name", flat=True)))
    unresolved = []
    for number, name in lines:
        place = (
            name.split("市", 1)[1]
            if name.startswith(tuple(Region.objects.cities().values_list("name", flat=True)))
            else name
        )
        county = next((c for c in counties if place.startswith(c)), None)
        unit = PilotUnit.objects.filter(name=name).select_related("region__city", "region__county").first()
        if (
            county is None
            or unit is None
            or unit.region.county.name != county
            or unit.region.city != counties[county].city
        ):
            unresolved.append(f"{number}: {name}")
    assert unresolved == []


def test_merged_hangzhou_districts_point_to_their_successors():
    assert Region.objects.get(name="江干区").current.name == "上城区"
    assert Region.objects.get(name="下城区").current.name == "拱墅区"
    assert Region.objects.get(name="上城区").current.name == "上城区"
    jianggan_unit = PilotUnit.objects.get(name="杭州市江干区凯旋街道总工会")
    assert jianggan_unit.county.name == "江干区" and jianggan_unit.county.current.name == "上城区"


def test_the_newspaper_file_names_a_county_of_the_gazetteer():
    text = "".join(seed_lines("001_e2de244b57a95646.txt"))
    assert "温岭" in text
    assert Region.objects.resolve_county("温岭市").city.name == "台州市"


def test_half_width_brackets_find_the_same_region_and_unit():
    assert Region.objects.resolve_county(" 缙云经济开发区 ") is not None
    assert PilotUnit.objects.by_name("缙云经济开发区(新碧街道)总工会").exists()
