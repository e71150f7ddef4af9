import { describe, expect, it } from 'vitest';
import { expectWellFormedSvg, svgMarks, svgTexts } from './svg.ts';

// The shape of Vega's SVG output: one <g> per mark set, its marks as leaf elements.
const svg = [
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">',
  '<g class="mark-rect role-mark layer_0_marks"><path d="M0,0h1v1h-1Z"/><path d="M1,0h1v1h-1Z"/></g>',
  '<g class="mark-symbol role-mark layer_1_marks"><path d="M0,0"/></g>',
  '<g class="mark-symbol role-legend-symbol"><path d="M0,0"/></g>',
  '<g class="mark-text role-axis-title"><text>x₁</text></g>',
  '<g class="mark-text role-title-subtitle"><text><tspan>first</tspan><tspan x="0">second</tspan></text></g>',
  '</svg>',
].join('');

describe('svg helpers', () => {
  it('count the marks of one kind and role, not the legend or other roles', () => {
    expect(svgMarks(svg, 'rect')).toBe(2);
    expect(svgMarks(svg, 'symbol')).toBe(1);
    expect(svgMarks(svg, 'symbol', 'legend-symbol')).toBe(1);
    expect(svgMarks(svg, 'line')).toBe(0);
  });

  it('read texts by role, a role not matching its longer relatives', () => {
    expect(svgTexts(svg, 'axis-title')).toEqual(['x₁']);
    expect(svgTexts(svg, 'title-subtitle')).toEqual(['first second']);
    expect(svgTexts(svg, 'title')).toEqual([]);
  });

  it('accept well-formed SVG and reject a tag left open or a missing root', () => {
    expectWellFormedSvg(svg);
    expect(() => expectWellFormedSvg(svg.replace('</g></svg>', '</svg>'))).toThrow();
    expect(() => expectWellFormedSvg('<div></div>')).toThrow('an <svg> root');
  });
});
