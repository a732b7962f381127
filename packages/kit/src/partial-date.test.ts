import { firstDay, isActiveOn, lastDay, parsePartialDate, toPartialDate } from './partial-date';

describe('partial dates', () => {
  it('keeps the precision the source gives', () => {
    expect(toPartialDate(2010)).toBe('2010');
    expect(toPartialDate('2011-12')).toBe('2011-12');
    expect(toPartialDate('2011-12-09')).toBe('2011-12-09');
    expect(toPartialDate(null)).toBeNull();
  });

  it('rejects dates that do not exist', () => {
    expect(parsePartialDate('2011-13')).toBeNull();
    expect(parsePartialDate('2011-02-30')).toBeNull();
    expect(parsePartialDate('11-12-2011')).toBeNull();
    expect([parsePartialDate('0000'), parsePartialDate('0000-06'), parsePartialDate('0001-01-01')]).toEqual([null, null, '0001-01-01']);
    expect(() => toPartialDate('soon')).toThrow('"soon" is not a partial date');
  });

  it('spans the days a partial date may stand for', () => {
    expect([firstDay('2010'), lastDay('2010')]).toEqual(['2010-01-01', '2010-12-31']);
    expect([firstDay('2012-02'), lastDay('2012-02'), lastDay('2011-02')]).toEqual(['2012-02-01', '2012-02-29', '2011-02-28']);
    expect([firstDay('2011-12-09'), lastDay('2011-12-09')]).toEqual(['2011-12-09', '2011-12-09']);
  });

  it('counts a bound known to the year for the whole year', () => {
    expect(isActiveOn('2010', '2014', '2010-01-01')).toBe(true);
    expect(isActiveOn('2010', '2014', '2014-12-31')).toBe(true);
    expect(isActiveOn('2010', '2014', '2015-01-01')).toBe(false);
    expect(isActiveOn('2010', '2014', '2009-12-31')).toBe(false);
  });

  it('asks of a year or month whether any part of it is covered', () => {
    expect(isActiveOn('2014-06', '2016', '2014')).toBe(true);
    expect(isActiveOn('2020-01-01', '2024-12-31', '2024')).toBe(true);
    expect(isActiveOn('2011-12-09', '2014', '2011-11')).toBe(false);
    expect(isActiveOn('2011-12-09', '2014', '2011-12')).toBe(true);
  });

  it('does not claim activity when a bound is unknown', () => {
    expect(isActiveOn(null, '2014', '2012-06-01')).toBe(false);
    expect(isActiveOn('2010', null, '2012-06-01')).toBe(false);
  });
});
