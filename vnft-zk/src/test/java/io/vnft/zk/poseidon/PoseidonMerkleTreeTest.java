package io.vnft.zk.poseidon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.field.Fr;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoseidonMerkleTreeTest {

  private static Fr[] leaves(int n) {
    Fr[] out = new Fr[n];
    for (int i = 0; i < n; i++) {
      out[i] = Fr.of(1000L + 7L * i);
    }
    return out;
  }

  @Test
  void rootOfFiveLeavesIsPaddedWithZerosToEight() {
    Fr[] l = leaves(5);
    Fr z = Fr.ZERO;
    Fr n01 = Poseidon.hash(l[0], l[1]);
    Fr n23 = Poseidon.hash(l[2], l[3]);
    Fr n45 = Poseidon.hash(l[4], z);
    Fr n67 = Poseidon.hash(z, z);
    Fr expected = Poseidon.hash(Poseidon.hash(n01, n23), Poseidon.hash(n45, n67));
    PoseidonMerkleTree t = PoseidonMerkleTree.build(l);
    assertEquals(3, t.depth());
    assertEquals(8, t.capacity());
    assertEquals(expected, t.root());
  }

  @Test
  void skippedPaddingSubtreesGiveTheRootOfHashingEveryNode() {
    for (int n : new int[] {2, 3, 6, 513, 1100, 2048}) {
      Fr[] l = leaves(n);
      int cap = 1;
      while (cap < n) {
        cap *= 2;
      }
      Fr[] level = new Fr[cap];
      for (int i = 0; i < cap; i++) {
        level[i] = i < n ? l[i] : Fr.ZERO;
      }
      while (level.length > 1) {
        Fr[] up = new Fr[level.length / 2];
        for (int i = 0; i < up.length; i++) {
          up[i] = Poseidon.hash(level[2 * i], level[2 * i + 1]);
        }
        level = up;
      }
      PoseidonMerkleTree t = PoseidonMerkleTree.build(l);
      assertEquals(level[0], t.root(), "root of " + n + " leaves");
      // an opening whose siblings are padding subtrees still verifies
      assertTrue(t.opening(n - 1).verify(t.root()), "last leaf of " + n);
      assertTrue(t.opening(cap - 1).verify(t.root()), "last padding position of " + n);
    }
  }

  @Test
  void singleLeafIsItsOwnRoot() {
    PoseidonMerkleTree t = PoseidonMerkleTree.build(new Fr[] {Fr.of(42)});
    assertEquals(0, t.depth());
    assertEquals(Fr.of(42), t.root());
    assertTrue(t.opening(0).verify(Fr.of(42)));
  }

  @Test
  void everyOpeningVerifiesAndTamperedOnesDoNot() {
    // larger than the parallel threshold on the first level
    PoseidonMerkleTree t = PoseidonMerkleTree.build(leaves(1100));
    assertEquals(11, t.depth());
    Fr root = t.root();
    for (int i : new int[] {0, 1, 2, 777, 1023, 1024, 1099, 1100, 2047}) {
      MerkleOpening o = t.opening(i);
      assertEquals(11, o.siblings().size());
      assertTrue(o.verify(root), "opening " + i);
      assertFalse(new MerkleOpening(i, o.leaf().add(Fr.ONE), o.siblings()).verify(root), "wrong leaf " + i);
      List<Fr> sib = new ArrayList<>(o.siblings());
      sib.set(5, sib.get(5).add(Fr.ONE));
      assertFalse(new MerkleOpening(i, o.leaf(), sib).verify(root), "wrong sibling " + i);
      if (!o.leaf().equals(o.siblings().get(0))) {
        assertFalse(new MerkleOpening(i ^ 1, o.leaf(), o.siblings()).verify(root), "wrong index " + i);
      }
    }
  }

  @Test
  void rejectsBadInput() {
    assertThrows(InvalidInputException.class, () -> PoseidonMerkleTree.build(new Fr[0]));
    assertThrows(InvalidInputException.class, () -> PoseidonMerkleTree.build(new Fr[] {Fr.ONE, null}));
    PoseidonMerkleTree t = PoseidonMerkleTree.build(leaves(4));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> t.opening(4));
    assertTrue(e.getMessage().contains("[0, 4)"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> new MerkleOpening(4, Fr.ONE, List.of(Fr.ONE, Fr.ONE)));
  }
}
