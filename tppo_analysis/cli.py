"""The ``tppo`` command line: one sub-command per job; errors are one clear line, exit code 1."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from . import config
from .errors import OneLineError
from .geography.editions import CURRENT_EDITION, EDITIONS, PROVINCE_COUNT
from .geography.levels import AREA_LEVELS, level_of

EDITION_CHOICES = sorted(EDITIONS, reverse=True)


def _area_level(text: str) -> str:
    """``--level``: province or kabkota, however written (Kab/Kota, regency ...)."""
    lv = level_of(text)
    if lv not in AREA_LEVELS:
        raise argparse.ArgumentTypeError(f"{text!r}: use {' or '.join(AREA_LEVELS)}")
    return lv

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


class UserError(OneLineError):
    """A problem the user can fix (bad file, bad option): printed without a traceback."""


def _print_frame(df, fmt: str) -> None:
    if fmt == "csv":
        sys.stdout.write(df.to_csv(index=False, lineterminator="\n"))
    else:
        with __import__("pandas").option_context("display.max_rows", None,
                                                 "display.width", 200):
            print(df.to_string(index=False))


def cmd_regions(args: argparse.Namespace) -> int:
    from . import geography

    df = geography.provinces(args.edition) if args.level == "province" \
        else geography.kabkota(args.edition)
    _print_frame(df, args.format)
    return EXIT_OK


def cmd_resolve(args: argparse.Namespace) -> int:
    from . import geography
    from .raw import spreadsheets

    if not (args.name_col or args.code_col):
        raise UserError("give --name-col or --code-col (the column holding the places)")
    wanted = [c for c in (args.name_col, args.code_col, args.province_col) if c]
    table = spreadsheets.read_table(args.input, expected=wanted)
    df = table.data
    for w in table.warnings:
        print(f"warning: {w}", file=sys.stderr)
    missing = [c for c in wanted if c not in df.columns]
    if missing:
        raise UserError(f"{args.input}: no column {missing[0]!r}; columns are "
                        f"{[c for c in df.columns if c != spreadsheets.ROW_COL]}")
    col = args.code_col or args.name_col
    province = df[args.province_col] if args.province_col else None
    res = geography.resolve(df[col], args.level, province=province,
                          code_system=args.code_system, edition=args.edition)
    out = df.copy()
    for c in ("code", "name", "match", "candidates", "note"):
        out[f"resolved_{c}"] = res[c].to_numpy()
    summary = geography.resolve_summary(res)
    if args.output:

        _write_output(out.drop(columns=[spreadsheets.ROW_COL]), args.output, args.input)
    else:
        sys.stdout.write(spreadsheets.for_people(out.drop(columns=[spreadsheets.ROW_COL]))
                         .to_csv(index=False, lineterminator="\n"))
    bad = res["match"].isin(["unresolved", "ambiguous"])
    print(f"resolved {summary['rows'] - int(bad.sum())} of {summary['rows']} rows "
          + ", ".join(f"{k} {summary[k]}" for k in geography.MATCH_KINDS if summary[k]),
          file=sys.stderr)
    for i in df.index[bad.to_numpy()][:50]:
        print(f"{args.input}, row {df.at[i, spreadsheets.ROW_COL]}, column {col!r}: "
              f"{df.at[i, col]!r}: {res.at[i, 'match']} - {res.at[i, 'note']}", file=sys.stderr)
    if bad.sum() > 50:
        print(f"... and {int(bad.sum()) - 50} more", file=sys.stderr)
    return EXIT_PROBLEM if args.strict and bad.any() else EXIT_OK


def cmd_manifest(args: argparse.Namespace) -> int:
    from .raw import manifest

    if args.refresh:
        config.project()  # never rewrite the data shipped inside the package
        for p in manifest.refresh():
            print(f"updated {p}")
    problems = manifest.verify()
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{config.MANIFEST}: {'OK' if not problems else f'{len(problems)} problem(s)'}")
    return EXIT_PROBLEM if problems else EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    """A new project folder: the report config, the notebooks and the templates to copy from,
    using the data shipped with the package until the folder has its own."""
    import shutil
    from pathlib import Path

    folder = Path(args.folder).expanduser()
    if config.is_project(folder):
        raise UserError(f"{folder} is already a project (it has reports.yaml or "
                        "data/raw/datapackage.json); nothing changed")
    if not config.shipped("reports.yaml").exists():
        raise UserError("this installation has no shipped reports.yaml and notebooks to copy "
                        "(run `tppo init` from an installed wheel, or use the repository)")
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(config.shipped("reports.yaml"), folder / "reports.yaml")
    shutil.copytree(config.shipped("notebooks"), folder / "notebooks", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__init__.py", "__pycache__", "text",
                                                  "jupytext.toml"))
    shutil.copytree(config.shipped("templates"), folder / "data" / "templates",
                    dirs_exist_ok=True, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    from .raw.user_sources import CONFIG, EXAMPLE

    (folder / CONFIG).write_text(EXAMPLE, encoding="utf-8")
    print(f"project created in {folder}: reports.yaml, sources.yaml, notebooks/, "
          "data/templates/; "
          f"run `tppo clean` and `tppo report` there (or with --project {folder})")
    return EXIT_OK


def cmd_lab(args: argparse.Namespace) -> int:
    """JupyterLab on the project's notebooks, with the project set for every kernel."""
    import subprocess

    root = config.project()
    os.environ["TPPO_PROJECT"] = str(root)
    folder = root / "notebooks" if (root / "notebooks").is_dir() else root
    cmd = [sys.executable, "-m", "jupyter", "lab", f"--notebook-dir={folder}"]
    if hasattr(os, "getuid") and os.getuid() == 0:
        cmd.append("--allow-root")
    return subprocess.call(cmd + list(args.lab_args))


def cmd_clean(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .clean import pipeline

    config.project()  # a project command: one line when there is none

    summary = pipeline.run_clean(Path(args.out) if args.out else None)
    print(pipeline.format_summary(summary))
    print(f"written to {args.out or config.PROCESSED_DIR}")
    return EXIT_OK


def _write_output(df, output: str, source: str) -> None:
    """Write ``-o``: never onto the input, never a folder; a place that cannot be written is
    one line, not a traceback."""

    from .raw import spreadsheets

    out = _check_output(output, source)
    try:
        spreadsheets.write_table(df, out)
    except OSError as exc:
        raise UserError(f"{out}: cannot write ({exc.strerror or exc})") from exc


def _check_output(output: str, source: str):
    """The ``-o`` path, refused before any work when it is the input file or a folder."""
    from pathlib import Path

    out, src = Path(output), Path(source)
    if out.exists() and src.exists() and out.resolve() == src.resolve():
        raise UserError(f"{out}: -o names the input file; it would be overwritten. Write the "
                        "cleaned rows to another file")
    if out.is_dir():
        raise UserError(f"{out}: -o names a folder; give a file name such as {out}/clean.csv")
    return out


def print_rejects(rejected, out=None) -> None:
    """Every problem of every rejected row on its own line (file, row, column, value,
    reason); a run of consecutive rows with the same single problem, such as a sheet
    formatted down to row 100,000, is one line."""
    out = out or sys.stdout
    rows = list(rejected.itertuples())
    i = 0
    while i < len(rows):
        r = rows[i]
        j = i
        while (j + 1 < len(rows) and not r.also and not rows[j + 1].also
               and rows[j + 1].reason == r.reason and rows[j + 1].source_file == r.source_file
               and rows[j + 1].source_row == rows[j].source_row + 1):
            j += 1
        if j - i >= 2:
            print(f"{r.source_file}, rows {r.source_row}-{rows[j].source_row}: {r.reason} "
                  f"({j - i + 1} rows)", file=out)
        else:
            for k in range(i, j + 1):
                q = rows[k]
                print(f"{q.source_file}, row {q.source_row}, column {q.column!r}, value "
                      f"{q.value!r}: {q.reason}", file=out)
                for extra in filter(None, str(q.also).split("; column ")):
                    text = extra if extra.startswith("column ") else "column " + extra
                    print(f"{q.source_file}, row {q.source_row}, {text}", file=out)
        i = j + 1


def cmd_validate(args: argparse.Namespace) -> int:
    from .clean import rejects, user_table

    if args.output:
        _check_output(args.output, args.file)
    df, warnings = user_table.read(args.file, args.kind, sheet=args.sheet)
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    try:
        result = user_table.clean(df, args.kind)
    except rejects.CleaningError as exc:
        raise UserError(str(exc)) from exc
    print_rejects(result.rejected)
    n_in, n_kept = result.summary["rows_in"], result.summary["kept"]
    verdict = "OK" if not len(result.rejected) else f"{n_in - n_kept} row(s) rejected"
    print(f"{args.file}: {n_in} rows, {n_kept} usable; {verdict}", file=sys.stderr)
    if args.output:
        _write_output(result.kept, args.output, args.file)
    return EXIT_OK if len(result.rejected) == 0 else EXIT_PROBLEM


def cmd_report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .report import runner

    config.project()  # a project command: one line when there is none
    from .clean.pipeline import SOURCES_ENV

    os.environ[SOURCES_ENV] = args.sources  # the kernels inherit it
    timings: dict[str, float] = {}
    try:
        paths = runner.run_reports(Path(args.config) if args.config else None,
                                   Path(args.out) if args.out else None, args.only,
                                   args.timeout, args.jobs, args.png, timings=timings,
                                   self_contained=args.self_contained)
    except runner.ReportError as exc:
        raise UserError(f"{exc}; previous reports left untouched; the failed notebook is in "
                        f"{Path(args.out or config.REPORTS_DIR) / '_failed'}") from exc
    for p in paths:
        print(f"written {p}")
    if args.timings:
        import json

        Path(args.timings).write_text(json.dumps(timings, indent=1, sort_keys=True) + "\n")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="tppo", description="Clean, validate and map Indonesia's anti-trafficking coverage.")
    parser.add_argument("--version", action="version", version=f"tppo-analysis {__version__}")
    parser.add_argument("--project", metavar="DIR", help=PROJECT_HELP)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    in_project = argparse.ArgumentParser(add_help=False)
    in_project.add_argument("--project", metavar="DIR", default=argparse.SUPPRESS,
                            help=PROJECT_HELP)

    p = sub.add_parser("regions", help="print the code list of provinces or kab/kota")
    p.add_argument("--level", type=_area_level, default="province", metavar="{province,kabkota}")
    p.add_argument("--edition", choices=EDITION_CHOICES, default=CURRENT_EDITION,
                   help="code-list edition: " + ", ".join(
                       f"{e} ({n} provinces)" for e, n in PROVINCE_COUNT.items()))
    p.add_argument("--format", choices=["csv", "table"], default="csv")
    p.set_defaults(func=cmd_regions)

    p = sub.add_parser("resolve", help="add today's Kemendagri codes to a CSV/XLSX of places")
    p.add_argument("input", help="CSV or XLSX file")
    p.add_argument("--level", type=_area_level, required=True, metavar="{province,kabkota}")
    p.add_argument("--name-col", help="column with place names")
    p.add_argument("--code-col", help="column with codes (instead of names)")
    p.add_argument("--province-col", help="column with the province of each kab/kota")
    p.add_argument("--code-system", choices=["kemendagri", "bps", "iso3166-2"])
    p.add_argument("--edition", choices=EDITION_CHOICES,
                   help="code-list edition of the codes in the file")
    p.add_argument("-o", "--output", help="output CSV (default: standard output)")
    p.add_argument("--strict", action="store_true",
                   help="exit 1 when any row is unresolved or ambiguous")
    p.set_defaults(func=cmd_resolve)

    p = sub.add_parser("manifest", parents=[in_project],
                       help="verify data/raw/ against its datapackage.json")
    p.add_argument("--refresh", action="store_true",
                   help="recompute checksums and schemas after a deliberate raw-data change")
    p.set_defaults(func=cmd_manifest)

    p = sub.add_parser("clean", parents=[in_project], help="rebuild data/processed/ from data/raw/")
    p.add_argument("--out", help="output folder (default data/processed/)")
    p.set_defaults(func=cmd_clean)

    p = sub.add_parser("validate", help="check your own coverage or cases file (CSV/XLSX)")
    p.add_argument("file")
    p.add_argument("--kind", choices=["coverage", "cases"], required=True)
    p.add_argument("--sheet", help="XLSX sheet name (default: the first)")
    p.add_argument("-o", "--output", help="write the cleaned rows to this CSV or XLSX")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("report", parents=[in_project],
                       help="run the notebooks and export HTML reports")
    p.add_argument("--config", help="report config (default reports.yaml)")
    p.add_argument("--only", help="run only the report of this name")
    p.add_argument("--out", help="output folder (default reports/)")
    p.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    p.add_argument("--jobs", type=int, help="notebooks run at once (default: CPU count)")
    p.add_argument("--timings", help="write the seconds each report took to this JSON file")
    p.add_argument("--png", action="store_true",
                   help="also write a PNG of each figure (kaleido; needs Chromium)")
    p.add_argument("--sources", choices=["all", "shipped", "mine"], default="all",
                   help="facts the reports show: the shipped data, your own sources "
                        "(sources.yaml), or both (default)")
    p.add_argument("--self-contained", action="store_true",
                   help="embed plotly.js in every report (one file to e-mail) instead of "
                        "sharing reports/assets/")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("init", help="make a project folder (report config, notebooks, "
                       "templates) that uses the data shipped with the package")
    p.add_argument("folder")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("lab", parents=[in_project],
                       help="start JupyterLab on the project's notebooks")
    p.add_argument("lab_args", nargs=argparse.REMAINDER, help="passed on to jupyter lab")
    p.set_defaults(func=cmd_lab)

    for register in _EXTRA:
        register(sub)
    return parser


# Sub-commands defined in other modules add themselves here (keeps this module light).
_EXTRA: list[Callable[[argparse._SubParsersAction], None]] = []


PROJECT_HELP = ("the project folder (default: TPPO_PROJECT, else the first folder from here "
                "upwards with reports.yaml or data/raw/datapackage.json)")


def _terminate(signum, frame):  # noqa: ARG001 - signal handler signature
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``tppo`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "project", None):  # kernels and sub-processes inherit it
        os.environ["TPPO_PROJECT"] = str(Path(args.project).expanduser().resolve())
    previous = None
    if threading.current_thread() is threading.main_thread():
        # a scheduler's SIGTERM unwinds like Ctrl-C, so temporary files are removed
        previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return _dispatch(args)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _dispatch(args: argparse.Namespace) -> int:
    try:
        return args.func(args)
    except (OneLineError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    except BrokenPipeError:  # e.g. `tppo regions | head`
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
