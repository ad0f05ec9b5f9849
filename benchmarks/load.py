"""Many people at once: browser sessions on one server (and on two servers sharing one
PostgreSQL) each changing the cut-off and waiting for its chart to be drawn again."""

import asyncio
import math
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from benchmarks.timing import on_throwaway_postgres
from harness.dashboard import CHROMIUM, CHROMIUM_ARGS, start_server
from harness.ports import free_port
from settings import load_settings
from store import Store
from store.schema import metadata

SESSIONS = 10
# pages whose first chart changes with the cut-off: the one each session watches redraw
BROWSED = ("", "brechas", "mapa")
CHART = '[data-testid="stMain"] [data-testid="stPlotlyChart"] .js-plotly-plot'
IDLE = '[data-test-script-state="notRunning"]'
CUTOFF = '[data-testid="stSidebar"] [data-testid="stSelectbox"] button[aria-haspopup="listbox"]'
PRESS_MS = 100  # a click held as long as a person's: the list misses most presses of 0 ms
TIMEOUT_MS = 300_000
# what the chart draws, to tell a redrawn chart from the one before the change
DRAWN = f"""() => {{
    const plot = document.querySelector('{CHART}');
    return plot && plot.data ? JSON.stringify(plot.data.map(t => [t.x, t.y, t.z])) : null;
}}"""


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank) of the values."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


async def _session(context, base: str, number: int, rounds: int) -> list[float]:
    """One person: open a page in a tab of its own, then `rounds` times pick another cut-off and
    wait for the chart to show it; the seconds each redraw took."""
    page = await context.new_page()
    try:
        await page.goto(f"{base}/{BROWSED[number % len(BROWSED)]}", timeout=TIMEOUT_MS)
        await page.wait_for_selector(CHART, timeout=TIMEOUT_MS)
        times = []
        for round_ in range(rounds):
            # a click while the page still runs its script is lost: wait for it to finish
            await page.wait_for_selector(IDLE, timeout=TIMEOUT_MS)
            before = await page.evaluate(DRAWN)
            await page.locator(CUTOFF).click(delay=PRESS_MS)
            options = page.get_by_role("option")
            await options.first.wait_for(timeout=TIMEOUT_MS)
            count = await options.count()
            # sessions and rounds spread over the dates: most picks miss the shared caches
            choice = 1 + (number + round_ * len(BROWSED)) % (count - 1) if count > 1 else 0
            start = time.perf_counter()
            await options.nth(choice).click(delay=PRESS_MS)
            await page.wait_for_function(
                f"before => ({DRAWN})() !== before", arg=before, timeout=TIMEOUT_MS
            )
            times.append(time.perf_counter() - start)
        return times
    finally:
        await page.close()


async def _warm(context, bases: list[str]) -> None:
    """Open each browsed page once on each server, one after the other."""
    page = await context.new_page()
    try:
        for base in bases:
            for path in BROWSED:
                await page.goto(f"{base}/{path}", timeout=TIMEOUT_MS)
                await page.wait_for_selector(CHART, timeout=TIMEOUT_MS)
    finally:
        await page.close()


async def _browse(bases: list[str], sessions: int, rounds: int) -> list[float]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # people who come every week: the dashboard's scripts already in their browser's cache
            # (one context, a tab each; each tab is a session of its own on the server)
            context = await browser.new_context(
                viewport={"width": 1440, "height": 900}, locale="es-CL"
            )
            # a server the people find warm: the history read and the first figures already made
            await _warm(context, bases)
            found = await asyncio.gather(
                *(_session(context, bases[n % len(bases)], n, rounds) for n in range(sessions))
            )
        finally:
            await browser.close()
    return [seconds for times in found for seconds in times]


def redraws(env: dict[str, str], servers: int, sessions: int, rounds: int) -> list[float]:
    """The seconds to each redrawn chart of `sessions` browser sessions at once, spread over
    `servers` dashboard servers on the store of env, each session `rounds` times."""
    ports = [free_port() for _ in range(servers)]
    running = [start_server(Path(env["DATA_DIR"]), port, env) for port in ports]
    try:
        return asyncio.run(_browse([f"http://127.0.0.1:{p}" for p in ports], sessions, rounds))
    finally:
        for process in running:
            process.terminate()
            process.wait(10)


def copy_store(env: dict[str, str], database_url: str) -> dict[str, str]:
    """The store of env copied table by table into a PostgreSQL database; its environment."""
    target_env = {**env, "DATABASE_URL": database_url}
    source, target = Store(load_settings(env)), Store(load_settings(target_env))
    try:
        with source.engine.connect() as read, target.engine.begin() as write:
            for table in reversed(metadata.sorted_tables):
                write.execute(table.delete())
            for table in metadata.sorted_tables:
                rows = [dict(row) for row in read.execute(sa.select(table)).mappings()]
                for start in range(0, len(rows), 20_000):
                    write.execute(table.insert(), rows[start : start + 20_000])
    finally:
        source.engine.dispose()
        target.engine.dispose()
    return target_env


def on_postgresql(env: dict[str, str], sessions: int, rounds: int) -> float | None:
    """The p95 redraw with two servers sharing one throwaway PostgreSQL, when one can start here."""
    return on_throwaway_postgres(
        lambda url: p95(redraws(copy_store(env, url), 2, sessions, rounds))
    )


def measure(
    env: dict[str, str], rounds: int, sessions: int = SESSIONS, two_servers: bool = True
) -> dict[str, dict]:
    """{"load": {"p95_redraw_s", "sessions", "postgresql_two_servers_p95_s"}} for the store of
    env (the latter None where PostgreSQL cannot be started, or when two_servers is false)."""
    one_server = redraws(env, 1, sessions, rounds)
    return {
        "load": {
            "p95_redraw_s": p95(one_server),
            "median_redraw_s": sorted(one_server)[len(one_server) // 2],
            "redraws": len(one_server),
            "sessions": sessions,
            "postgresql_two_servers_p95_s": (
                on_postgresql(env, sessions, rounds) if two_servers else None
            ),
        }
    }


if __name__ == "__main__":  # python -m benchmarks.load [CUT-OFFS [ROUNDS]]: one store of scale.py
    import json

    from benchmarks.scale import national_store

    months = int(sys.argv[1]) if len(sys.argv) > 1 else 24
    print(json.dumps(measure(national_store(months), int(sys.argv[2]) if len(sys.argv) > 2 else 3)))
