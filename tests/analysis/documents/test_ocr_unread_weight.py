"""When an image is read a second time, denoised (issue 14, round 2): a weight label whose
value cell the recogniser read as no number ("N.W. | KC" for "2.8 kg" on a speckled scan).
Fresh texts."""

import pytest

from cost_model_service.analysis.documents.ocr_text import unread_weight


@pytest.mark.parametrize(
    "text",
    [
        "Model | LP-20\nN.W. | KC\nG.W. | 3 ka",
        "Artikel | ZR-4\nNettogewicht | kq",
        "Poids net | —\nDimensions | 40 x 40 mm",
        "Peso vacío | ka\n",
        "Gew. | l,Skg",
    ],
)
def test_a_weight_label_without_a_number_asks_for_a_second_reading(text: str) -> None:
    assert unread_weight(text)


@pytest.mark.parametrize(
    "text",
    [
        "Model | LP-20\nN.W. | 2.8kg\nG.W. | 3.6 kg",
        "Modelo | Capacidad | Peso vacío\nDAC-1 | 50 l | 24 kg",  # a header row: a model's
        "Weight 2,4 kg",  # no cells
        "Colour | grey\nMaterial | steel",
    ],
)
def test_read_values_need_no_second_reading(text: str) -> None:
    assert not unread_weight(text)
