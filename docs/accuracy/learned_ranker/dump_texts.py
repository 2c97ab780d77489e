"""Cache every corpus sheet's extracted text (as the service reads it) under /work/exp/texts."""
import asyncio, json, sys
from pathlib import Path
from cost_model_service.analysis.inputs import read_upload
from cost_model_service.config import Settings
from cost_model_service.evaluation.corpus import load_labels

async def main(dirs):
    settings = Settings()
    gate = asyncio.Semaphore(3)
    for d in dirs:
        d = Path(d)
        out = Path("/work/exp/texts") / d.name
        out.mkdir(parents=True, exist_ok=True)
        async def one(label):
            dest = out / (label.file + ".txt")
            if dest.exists():
                return
            async with gate:
                try:
                    text = await read_upload(settings, label.file, None, (d / label.file).read_bytes())
                except Exception as e:
                    text = ""
                    print("ERR", d.name, label.file, e, file=sys.stderr)
            dest.write_text(text)
        await asyncio.gather(*(one(l) for l in load_labels(d)))
        print("done", d.name, flush=True)

if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
