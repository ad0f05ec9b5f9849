"""python -m loaders.fuzz [--examples N] [--seed S] [--save-dir DIR]: damaged workbooks at random
(bytes flipped, cut, repeated; XML inside the container edited) to show that the loader always
answers with a result or a named refusal, within 5 s and 600 MB. The seed is printed before
anything runs; every input that breaks a rule is saved to the folder, with the reason."""

import io
import multiprocessing
import random
import re
import resource
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import openpyxl

from cli import SpanishParser
from formats import number
from loaders.api import load
from loaders.issues import UnreadableFile
from settings import ROOT

MAX_SECONDS = 5.0  # one damaged file; the real ones load in well under a tenth of that
MAX_MB = 600  # memory one damaged file may take above what the loader holds already
SILENCE_SECONDS = 30.0  # a worker that says nothing for this long is stuck: it is ended
SAMPLES = ("autodiagnostico_tarapaca_2025-06.xlsx", "tarapaca_mesa_2025-09.xlsx")
DATE = "Fecha de corte: 30/09/2025"
ROWS = [
    ["Seguimiento de plataformas"],
    [DATE],
    ["Comuna", "DocDigital", "FirmaGob", "ClaveÚnica"],
    ["Iquique", "En uso", "Habilitada", "No iniciado"],
    ["Pica", "En proceso", "En uso", "Habilitada"],
    ["Valdivia", "Habilitada", "No aplica", "En uso"],
]

ACTIVITY_ROWS = [
    ["Registro de actividades"],
    ["Fecha", "Comuna(s)", "Actividad", "Plataforma", "Modalidad", "N° participantes"],
    ["15 de mayo de 2025", "Iquique, Pica y Huara", "Reunión inicial", "", "Presencial", 12],
    ["03/06/2025", "Iquique", "Capacitación técnica FirmaGob", "", "Zoom", "8 personas"],
    ["04-06-2025", "Pica", "Taller práctico", "FirmaGob y DocDigital", "Online", "doce"],
]
ATTENDANCE_ROWS = [
    ["Mesa de Transformación Digital de Tarapacá — Lista de asistencia"],
    ["Fecha: 12 de septiembre de 2025"],
    ["N°", "Nombre", "Institución"],
    [1, "Persona Ficticia 1", "Municipalidad de Iquique"],
    [2, "Persona Ficticia 2", "GORE Tarapacá"],
]


@cache
def seeds() -> tuple[tuple[str, bytes], ...]:
    """The files the damage starts from: two sample trackers, small trackers made here in every
    format the loader reads (an .xls only where xlwt is installed), and an activities workbook."""
    found = [(name, (ROOT / "sample_data" / name).read_bytes()) for name in SAMPLES]
    found += [("hecho.xlsx", _xlsx()), ("hecho.ods", _ods("")), ("gnumeric.ods", _ods("\n "))]
    found += [("actividades.xlsx", _activities())]
    text = "\n".join(";".join(row) for row in ROWS) + "\n"
    found += [
        ("hecho.csv", text.encode("cp1252")),
        ("utf16.csv", text.encode("utf-16")),
        ("mac.csv", text.replace("\n", "\r").encode()),
    ]
    xls = _xls()
    return tuple(found + ([("hecho.xls", xls)] if xls else []))


def _xlsx() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in ROWS:
        sheet.append(row)
    sheet.append(["Total", "=COUNTA(B4:B6)", "#N/A", ""])
    sheet.merge_cells("A1:D1")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _activities() -> bytes:
    """An activity log and an attendance list, so that the damage reaches their readers too."""
    book = openpyxl.Workbook()
    log = book.active
    log.title = "Actividades"
    for row in ACTIVITY_ROWS:
        log.append(row)
    people = book.create_sheet("Asistencia")
    for row in ATTENDANCE_ROWS:
        people.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _ods(sep: str) -> bytes:
    """An .ods as LibreOffice writes it (repeated empty cells and rows), or with line breaks
    between elements as Gnumeric writes it."""
    cells = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{value}</text:p>'
            "</table:table-cell>"
            for value in row
        )
        + '<table:table-cell table:number-columns-repeated="1020"/></table:table-row>'
        for row in ROWS
    )
    rows = cells + '<table:table-row table:number-rows-repeated="1048000"><table:table-cell/>'
    rows += "</table:table-row>"
    spaces = {
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    }
    names = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in spaces.items())
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {names}>'
        '<office:body><office:spreadsheet><table:table table:name="Hoja1">'
        f"{rows}</table:table></office:spreadsheet></office:body></office:document-content>"
    ).replace("><", f">{sep}<")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        mime = "application/vnd.oasis.opendocument.spreadsheet"
        archive.writestr("mimetype", mime, zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
    return out.getvalue()


def _xls() -> bytes | None:
    try:
        import xlwt  # a test dependency: without it the fuzz runs without an .xls seed
    except ImportError:
        return None
    book = xlwt.Workbook()
    sheet = book.add_sheet("Hoja1")
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_NUMBER = re.compile(rb"[0-9]+")
_BIG = (b"1048576", b"99999999", b"16384", b"4294967296", b"1000000000", b"0", b"-1")


def damaged(data: bytes, rng: random.Random) -> bytes:
    """The bytes with a few random flips, cuts, repeats, insertions or zeroed runs."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        kind = rng.choice(("flip", "cut", "repeat", "insert", "zero"))
        at = rng.randrange(len(out)) if out else 0
        if kind == "flip" and out:
            out[at] ^= 1 << rng.randrange(8)
        elif kind == "cut":
            del out[at:]
        elif kind == "repeat" and out:
            out[at:at] = out[at : at + rng.randint(1, 512)]
        elif kind == "insert":
            out[at:at] = rng.randbytes(rng.randint(1, 64))
        elif kind == "zero" and out:
            out[at : at + rng.randint(1, 256)] = bytes(min(256, len(out) - at))
    return bytes(out)


def edited_xml(xml: bytes, rng: random.Random) -> bytes:
    """XML with numbers made huge, elements repeated or markup inserted, to reach the parsers
    past the container."""
    out = xml
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(("number", "number", "repeat", "markup", "bytes"))
        numbers = list(_NUMBER.finditer(out))
        if kind == "number" and numbers:
            found = rng.choice(numbers)
            out = out[: found.start()] + rng.choice(_BIG) + out[found.end() :]
        elif kind == "repeat" and b"<" in out:
            start = rng.choice([m.start() for m in re.finditer(rb"<", out)][:5000])
            piece = out[start : start + rng.randint(1, 400)]
            out = out[:start] + piece * rng.randint(2, 200) + out[start:]
        elif kind == "markup":
            at = rng.randrange(len(out) + 1)
            out = out[:at] + rng.choice(_MARKUP) + out[at:]
        else:
            out = damaged(out, rng)
    return out


_MARKUP = (
    b'<c r="XFD1048576"><v>1</v></c>',
    b'<row r="99999999"><c><v>1</v></c></row>',
    b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>",
    b"<!-- " + b"x" * 5000 + b" -->",
    b'<table:table-cell table:number-columns-repeated="16384" office:value-type="float" '
    b'office:value="1"/>',
    b'<text:s text:c="100000000"/>',
    b'<c r="A1" t="e"><v>#REF!</v></c>',
    b"<f>SUM(A1:A9)</f>",
    b'<?xml version="1.0" encoding="shift_jis"?>',
    b"\n  ",
)


def example(seed: int, index: int) -> tuple[str, bytes]:
    """Example number index of the run with this seed: the same bytes every time."""
    rng = random.Random(f"{seed}:{index}")
    name, data = rng.choice(seeds())
    if data.startswith(b"PK") and rng.random() < 0.5:
        return name, _edited_member(data, rng)
    return name, damaged(data, rng)


def _edited_member(data: bytes, rng: random.Random) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    xml = [i for i, (name, _) in enumerate(members) if name.endswith((".xml", ".rels"))]
    target = rng.choice(xml)
    members[target] = (members[target][0], edited_xml(members[target][1], rng))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            archive.writestr(name, content, zipfile.ZIP_STORED if name == "mimetype" else None)
    return out.getvalue()


@dataclass
class Finding:
    """An example that broke a rule: its number, what happened and where its input was saved."""

    index: int
    what: str
    saved: Path


@dataclass
class Report:
    """What a run found."""

    seed: int
    examples: int = 0
    read: int = 0
    refused: int = 0
    slowest_s: float = 0.0
    slowest_index: int = -1
    peak_mb: float = 0.0
    findings: list[Finding] = field(default_factory=list)


def _rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _worker(pipe, seed: int, first: int, last: int) -> None:
    """Load examples first..last-1, saying before each which one and after it how it went."""
    load(seeds()[0][1], name=seeds()[0][0])  # what the loader holds anyway, before measuring
    baseline = _rss_mb()
    for index in range(first, last):
        name, data = example(seed, index)
        pipe.send(("start", index))
        started = time.perf_counter()
        try:
            load(data, name=name)
            outcome = "read"
        except UnreadableFile:
            outcome = "refused"
        pipe.send(("done", index, outcome, time.perf_counter() - started, _rss_mb() - baseline))


def run(examples: int, seed: int, save_dir: Path, progress=None) -> Report:
    """Load the examples in a worker process; an example that takes longer than MAX_SECONDS,
    grows memory past MAX_MB, ends the worker or goes silent is a finding, saved to save_dir
    (the worker is then started again from the next example)."""
    report = Report(seed)
    context = multiprocessing.get_context("fork")
    index = 0
    while index < examples:
        receive, send = context.Pipe(duplex=False)
        worker = context.Process(target=_worker, args=(send, seed, index, examples))
        worker.start()
        send.close()
        current, broke = index, None
        while current < examples:
            if not receive.poll(SILENCE_SECONDS):
                broke = f"no respondió en {SILENCE_SECONDS:g} s"
                break
            try:
                message = receive.recv()
            except EOFError:
                worker.join()
                broke = f"terminó el proceso (código {worker.exitcode})"
                break
            if message[0] == "start":
                current = message[1]
                continue
            _, current, outcome, seconds, grown = message
            report.examples += 1
            report.read += outcome == "read"
            report.refused += outcome == "refused"
            report.peak_mb = max(report.peak_mb, grown)
            if seconds > report.slowest_s:
                report.slowest_s, report.slowest_index = seconds, current
            problem = _broken_rule(seconds, grown)
            current += 1
            if problem:
                _found(report, seed, current - 1, problem, save_dir)
                if grown > MAX_MB:
                    break  # a fresh worker measures the next examples from a fresh peak
            if progress and report.examples % 1000 == 0:
                progress(report)
        if worker.is_alive():
            worker.kill()
        worker.join()
        receive.close()
        if broke:
            report.examples += 1
            _found(report, seed, current, broke, save_dir)
            current += 1
        index = current
    return report


def _broken_rule(seconds: float, grown: float) -> str | None:
    if seconds > MAX_SECONDS:
        return f"tardó {seconds:.1f} s (límite {MAX_SECONDS:g} s)"
    if grown > MAX_MB:
        return f"la memoria creció {number(grown)} MB (límite {number(MAX_MB)} MB)"
    return None


def _found(report: Report, seed: int, index: int, what: str, save_dir: Path) -> None:
    name, data = example(seed, index)
    save_dir.mkdir(parents=True, exist_ok=True)
    saved = save_dir / f"{seed}-{index}-{name}"
    saved.write_bytes(data)
    saved.with_name(saved.name + ".txt").write_text(f"{what}\n", encoding="utf-8")
    report.findings.append(Finding(index, what, saved))


def main(argv: list[str] | None = None) -> int:
    """Run the fuzz and say what happened; exit 1 if any example broke a rule."""
    parser = SpanishParser(prog="python -m loaders.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=2000, help="archivos dañados a probar")
    parser.add_argument("--seed", type=int, help="semilla (por omisión, una al azar)")
    parser.add_argument("--save-dir", type=Path, help="carpeta para las entradas que fallen")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    save_dir = args.save_dir or Path(tempfile.gettempdir()) / f"fuzz-{seed}"
    print(f"semilla {seed} (repítala con --seed {seed}); entradas que fallen en {save_dir}")
    sys.stdout.flush()
    started = time.perf_counter()
    found = run(args.examples, seed, save_dir, progress=_progress)
    print(
        f"{number(found.examples)} archivos dañados en {time.perf_counter() - started:.0f} s: "
        f"{number(found.read)} leídos, {number(found.refused)} rechazados con su motivo; el más "
        f"lento {found.slowest_s:.2f} s (ejemplo {found.slowest_index}); memoria adicional "
        f"máxima {number(found.peak_mb)} MB; {len(found.findings)} hallazgos"
    )
    for finding in found.findings:
        print(f"  ejemplo {finding.index}: {finding.what} ({finding.saved})")
    return 1 if found.findings else 0


def _progress(report: Report) -> None:
    print(f"  {number(report.examples)} ejemplos, {len(report.findings)} hallazgos", flush=True)


if __name__ == "__main__":
    sys.exit(main())
