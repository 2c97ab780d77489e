"""A gross weight under a packaging key is the pack's, divided by its count; on a set sold
as the article, the set's weight beats one member's (corpus E, issue 14). Fresh texts."""

import pytest

from cost_model_service.analysis.rules import find_unit_weight


def test_a_gross_weight_under_a_packaging_key_is_divided_by_the_pack_count() -> None:
    text = (
        "article: Levelling foot M12, 60 mm base\norder_unit: piece\n"
        "packaging.unit: carton\npackaging.contents_pcs: 25\npackaging.gross_weight: 4,5 kg\n"
    )
    result = find_unit_weight(text)
    assert result.grams == pytest.approx(180)
    assert result.confidence < 0.5  # a gross pack weight divided: a rough figure


def test_a_packaging_gross_weight_without_a_count_is_not_divided() -> None:
    text = "article: Bench vice 125 mm\npackaging.gross_weight: 6,8 kg\nnet_weight: 6,1 kg\n"
    assert find_unit_weight(text).grams == pytest.approx(6100)


def test_the_set_weight_beats_one_members_weight_when_the_set_is_the_article() -> None:
    text = (
        "title: Castor kit CK-75, set of 4\norder_unit: set\n"
        "castor.weight_g: 380\nscrews_weight_g: 60\nkit_weight_kg: 1.58\n"
    )
    assert find_unit_weight(text).grams == pytest.approx(1580)
