"""What the OpenAI analyzer sends per article: characters and tokens (counted by the fake
server) with the windowed excerpt, compared with the first 4,000 characters of the sheet.

    uv run python benchmarks/llm_input_size.py

Runs the real analyzer and openai client against tests/fake_openai.py on loopback.
"""

import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cost_model_service.analysis.documents import extract_text  # noqa: E402
from cost_model_service.analysis.openai_analyzer import OpenAIAnalyzer  # noqa: E402
from cost_model_service.cost_indices.catalogue import DEFAULT_CATALOGUE  # noqa: E402
from tests.fake_openai import FakeOpenAI, spec_text  # noqa: E402

SPECS = ROOT / "tests/data/specs"
BOILERPLATE = "\n".join(f"§{n} General terms of delivery and payment apply." for n in range(450))


async def measure(fake: FakeOpenAI, text: str, max_chars: int) -> tuple[int, int, str]:
    """(spec characters, prompt tokens, weight found) of a weight and a cost model call."""
    analyzer = OpenAIAnalyzer(
        api_key="k", base_url=fake.base_url, max_retries=0, max_input_chars=max_chars
    )
    fake.reset()
    weight = await analyzer.extract_weight(text)
    model = await analyzer.generate_cost_model(text, DEFAULT_CATALOGUE, weight.grams)
    await analyzer.aclose()
    chars = sum(len(spec_text(body["messages"])) for body in fake.chat_requests())
    tokens = sum(u.prompt_tokens for u in (weight.usage, model.usage) if u)
    return chars, tokens, "-" if weight.grams is None else f"{weight.grams:g}"


async def main() -> None:
    sheets = {}
    for path in sorted(SPECS.iterdir()):
        if path.name in ("labels.json", "README.md"):
            continue
        sheets[path.name] = extract_text(path.name, None, path.read_bytes())
    bracket = sheets["angle_bracket_ab120.txt"]
    sheets["(bracket sheet after 20 kB of terms)"] = BOILERPLATE + "\n" + bracket
    sheets["(all sheets joined)"] = "\n\n".join(list(sheets.values())[:24])
    print(
        f"{'sheet':<36} {'text':>7} {'win chars':>9} {'win tok':>8} {'win g':>8} "
        f"{'4k chars':>9} {'4k tok':>7} {'4k g':>8}"
    )
    totals = [0, 0, 0, 0]
    with FakeOpenAI() as fake:
        for name, text in sheets.items():
            if not text.strip():
                continue
            windowed = await measure(fake, text, 12_000)
            first_4k = await measure(fake, text[:4000], 4000)
            figures = [windowed[0], windowed[1], first_4k[0], first_4k[1]]
            if not name.startswith("("):
                totals = [t + f for t, f in zip(totals, figures, strict=True)]
            print(
                f"{name:<36} {len(text):>7} {windowed[0]:>9} {windowed[1]:>8} "
                f"{windowed[2]:>8} {first_4k[0]:>9} {first_4k[1]:>7} {first_4k[2]:>8}"
            )
    print(
        f"{'corpus total':<36} {'':>7} {totals[0]:>9} {totals[1]:>8} {'':>8} "
        f"{totals[2]:>9} {totals[3]:>7}"
    )
    print(
        "win = header + windows around weight terms (CMS_LLM_MAX_INPUT_CHARS=12000); "
        "4k = the first 4,000 characters; g = the weight the fake model read"
    )


if __name__ == "__main__":
    asyncio.run(main())
