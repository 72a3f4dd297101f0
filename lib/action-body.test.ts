import { describe, expect, it } from "vitest";
import { isDecodableTextActionBody } from "./action-body";

describe("server action text bodies", () => {
  it("accepts what React's encodeReply writes for plain arguments", () => {
    for (const body of ["[]", '[1,"x"]', '["$$K1"]', '["$NaN","$-0","$undefined","$n12345678901234567890","$D2020-01-01T00:00:00.000Z"]', '[{"a":[null,true]}]', '[{"$key":1}]']) {
      expect(isDecodableTextActionBody(body), body).toBe(true);
    }
  });

  it("refuses what it cannot decode: not JSON, or a reference to a part a text body does not carry", () => {
    for (const body of ["", "not json", '["$Q9"]', '["$T"]', '["$K9"]', '["$@9"]', '[{"a":"$F1"}]']) {
      expect(isDecodableTextActionBody(body), body).toBe(false);
    }
  });
});
