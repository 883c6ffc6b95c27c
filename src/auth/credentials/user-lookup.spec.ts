import { djangoIntegerLookup } from './user-lookup';

describe('djangoIntegerLookup (the user-id claim as Django IntegerField.get_prep_value reads it)', () => {
  it.each([
    [1, 1],
    ['1', 1],
    [' 42 ', 42],
    ['+5', 5],
    [true, 1],
    [3.9, 3],
  ])('%p looks up id %p', (claim, id) => {
    expect(djangoIntegerLookup(claim)).toBe(id);
  });

  it.each([['abc'], [null], [undefined], [{}], [[1]], ['1.5'], [2 ** 31], ['99999999999999999999']])('%p matches no user', (claim) => {
    expect(djangoIntegerLookup(claim)).toBeNull();
  });
});
