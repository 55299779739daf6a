"""Diagrams drawn from the data."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import minimal

from generator.outputs.flowchart import escalation_dot, process_dot, process_figure, timeline_svg
from generator.pipeline import check


def test_process_flowchart_follows_steps_and_branches(example_model: Any) -> None:
    process = example_model.content.commitments.process
    dot = process_dot(process)
    for step in process.steps:
        assert f'"{step.id}" [label="{step.name}\\n（{step.actor}）' in dot
    assert '"triage" -> "remote" [label="远程可以解决"]' in dot
    figure = process_figure(process)
    assert figure.png.startswith(b"\x89PNG") and b"<svg" in figure.svg
    assert "受理登记" in figure.svg.decode("utf-8")


def test_escalation_ladder_labels_each_step_with_its_delay(example_model: Any) -> None:
    dot = escalation_dot(example_model.content.commitments.process)
    assert 't0 [label="一线\\n客户服务响应中心"]' in dot
    assert 't0 -> t1 [label="30分钟未解决"]' in dot and 't2 -> t3 [label="4小时未解决"]' in dot


def test_timeline_places_each_levels_targets_for_the_area(example_model: Any) -> None:
    response = example_model.content.commitments.response
    root = ET.fromstring(timeline_svg(response, "yunxi", "near"))
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    for level in response.levels:
        assert level.name in texts
    near = response.levels[0].targets["arrival"].for_area("near").zh()
    assert near in texts  # 2小时 for the near zone, not the city's 1小时
    assert len([c for c in root.iter("{http://www.w3.org/2000/svg}circle")]) >= 3 * len(response.levels)


def test_timeline_escapes_names(make_tree: Callable[..., Path]) -> None:
    commitments = minimal("commitments.yaml").replace("name: 一级故障", "name: '<一级> & 故障'")
    result = check(make_tree({"commitments.yaml": commitments}))
    assert result.model is not None
    svg = timeline_svg(result.model.content.commitments.response, "city")
    ET.fromstring(svg)  # well-formed
    assert b"&lt;\xe4\xb8\x80\xe7\xba\xa7&gt; &amp;" in svg
