-- Wireshark / tshark dissector for the messages of the ns-3 lead module (LEAD overlay).
--
-- Copyright (c) 2026 The lead module authors
-- SPDX-License-Identifier: GPL-2.0-only
--
-- Usage:
--   wireshark -X lua_script:scripts/lead.lua lead-range-lead-0-0.pcap
--   tshark -X lua_script:scripts/lead.lua -r FILE.pcap -Y lead -T fields -e lead.type
-- or copy this file to ~/.local/lib/wireshark/plugins/. The overlay's UDP port is 4000 by
-- default (LeadNodeApp::Port); change it under Preferences > Protocols > LEAD. Over TCP
-- (Protocol = tcp) every message is preceded by a 4-byte length.
--
-- The layouts below follow the header classes in model/ (lead-header.h and the body headers).

local lead = Proto("lead", "LEAD learned DHT")

local types = {
    [1] = "FIND_SUCCESSOR", [2] = "FIND_SUCCESSOR_REPLY", [3] = "GET_NEIGHBORS",
    [4] = "GET_NEIGHBORS_REPLY", [5] = "NOTIFY", [6] = "NOTIFY_REPLY", [7] = "PING",
    [8] = "PONG", [9] = "PUT", [10] = "PUT_REPLY", [11] = "GET", [12] = "GET_REPLY",
    [13] = "DELETE", [14] = "DELETE_REPLY", [15] = "TRANSFER", [16] = "TRANSFER_REPLY",
    [17] = "LEAVE", [18] = "LEAVE_REPLY", [19] = "ALERT", [20] = "ALERT_REPLY",
    [21] = "RANGE_SCAN", [22] = "RANGE_PART", [23] = "SUCC_HINT", [24] = "SUCC_HINT_REPLY",
    [25] = "MODEL_GET", [26] = "MODEL_GET_REPLY", [27] = "HEARTBEAT",
    [28] = "MODEL_ANNOUNCE", [29] = "UPDATE", [30] = "UPDATE_REPLY", [31] = "RECRUIT",
    [32] = "VIEW_GOSSIP", [33] = "VIEW_SYNC",
}
local purposes = {
    [0] = "USER_LOOKUP", [1] = "JOIN", [2] = "STABILIZE", [3] = "NOTIFY", [4] = "SUCC_LIST",
    [5] = "PRED_CHECK", [6] = "FINGER", [7] = "MIGRATION", [8] = "REPLICATION", [9] = "MISC",
    [10] = "MODEL", [11] = "MEMBERSHIP",
}
local kv_status = { [0] = "OK", [1] = "NOT_FOUND", [2] = "NOT_RESPONSIBLE", [3] = "REFUSED",
    [4] = "MOVED" }

local f = lead.fields
-- common header (32 bytes)
f.version = ProtoField.uint8("lead.version", "Version")
f.type = ProtoField.uint8("lead.type", "Type", base.DEC, types)
f.purpose = ProtoField.uint8("lead.purpose", "Purpose", base.DEC, purposes)
f.flags = ProtoField.uint8("lead.flags", "Flags", base.HEX)
f.reply = ProtoField.bool("lead.reply", "Reply", 8, nil, 0x01)
f.request_id = ProtoField.uint32("lead.request_id", "Request id")
f.src_id = ProtoField.uint64("lead.src_id", "Source vnode id", base.HEX)
f.dst_id = ProtoField.uint64("lead.dst_id", "Destination vnode id", base.HEX)
f.src_vnode = ProtoField.uint16("lead.src_vnode", "Source vnode index")
f.dst_vnode = ProtoField.uint16("lead.dst_vnode", "Destination vnode index")
f.model_version = ProtoField.uint32("lead.model_version", "Hash model version")
-- vnode reference (14 bytes)
f.ref_id = ProtoField.uint64("lead.vnode.id", "Ring id", base.HEX)
f.ref_addr = ProtoField.ipv4("lead.vnode.address", "Address")
f.ref_index = ProtoField.uint16("lead.vnode.index", "Vnode index")
-- lookup (29 bytes)
f.target = ProtoField.uint64("lead.lookup.target", "Target", base.HEX)
f.lookup_id = ProtoField.uint32("lead.lookup.id", "Lookup id")
f.hops = ProtoField.uint8("lead.lookup.hops", "Hops")
f.wanted = ProtoField.uint8("lead.lookup.wanted", "Successors wanted")
f.iterative = ProtoField.uint8("lead.lookup.iterative", "Iterative")
-- lookup answer (16 + 14 n bytes), neighbour request (2) and set (3 (+14) + 14 n), scan answer
f.lr_flags = ProtoField.uint8("lead.lookup.flags", "Flags (bit 0: nodes[0] is the owner)",
    base.HEX)
f.nb_flags = ProtoField.uint8("lead.neighbors.flags", "Flags (bit 0: predecessor)", base.HEX)
f.max_succ = ProtoField.uint8("lead.neighbors.max_successors", "Successors wanted")
f.sa_flags = ProtoField.uint8("lead.scan_answer.flags", "Flags (bit 0: walk ends, 1: refused)", base.HEX)
f.sa_keys = ProtoField.uint64("lead.scan_answer.keys", "Keys reported")
f.sa_parts = ProtoField.uint16("lead.scan_answer.parts", "Part numbers used")
f.count = ProtoField.uint16("lead.count", "Count")
-- key operation (30 bytes)
f.key = ProtoField.uint64("lead.kv.key", "Key")
f.hash = ProtoField.uint64("lead.kv.hash", "Ring position", base.HEX)
f.size = ProtoField.uint32("lead.kv.size", "Value size")
f.tag = ProtoField.uint64("lead.kv.tag", "Value tag", base.HEX)
f.status = ProtoField.uint8("lead.kv.status", "Status", base.DEC, kv_status)
f.kv_flags = ProtoField.uint8("lead.kv.flags", "Flags (bit 0: replica)", base.HEX)
-- transfer (19 + 28 n bytes)
f.arc_lo = ProtoField.uint64("lead.transfer.arc_lo", "Arc from (exclusive)", base.HEX)
f.arc_hi = ProtoField.uint64("lead.transfer.arc_hi", "Arc to", base.HEX)
f.tr_flags = ProtoField.uint8("lead.transfer.flags", "Flags (bit 0: replica, 1: last, 2: pull request)",
                             base.HEX)
-- range scan (61 bytes) and part (11 + 20 n bytes)
f.query_id = ProtoField.uint32("lead.range.query_id", "Query id")
f.start_key = ProtoField.uint64("lead.range.start_key", "Start key")
f.end_key = ProtoField.uint64("lead.range.end_key", "End key")
f.end_hash = ProtoField.uint64("lead.range.end_hash", "End position", base.HEX)
f.remaining = ProtoField.uint64("lead.range.remaining", "Keys still wanted")
f.seq = ProtoField.uint16("lead.range.seq", "Walk position")
f.prev_id = ProtoField.uint64("lead.range.prev_id", "Arc from (exclusive)", base.HEX)
f.rs_flags = ProtoField.uint8("lead.range.flags",
    "Flags (0: client-driven, 1: exact arc, 2: more follow, 3: via leader, 4: fan-out,"
        .. " 5: check owner)", base.HEX)
f.chunk = ProtoField.uint16("lead.range.chunk", "Chunk")
f.rp_flags = ProtoField.uint8("lead.range.part_flags",
    "Flags (0: walk ends, 1: last chunk, 2: via leader)", base.HEX)
f.payload = ProtoField.bytes("lead.payload", "Value bytes")
-- model chunk (14 + n bytes)
f.m_version = ProtoField.uint32("lead.model.version", "Model version")
f.m_base = ProtoField.uint32("lead.model.base", "Base version (held, or of the delta)")
f.m_flags = ProtoField.uint8("lead.model.flags", "Flags (bit 0: delta)", base.HEX)
f.m_total = ProtoField.uint32("lead.model.total", "Image size")
f.m_offset = ProtoField.uint32("lead.model.offset", "Chunk offset")
f.m_length = ProtoField.uint16("lead.model.length", "Chunk length")
f.m_data = ProtoField.bytes("lead.model.data", "Image bytes")
-- heartbeat (21 bytes, 37 with the cold-node rumour)
f.hb_flags = ProtoField.uint8("lead.heartbeat.flags", "Flags (bit 0: ready, bit 1: rumour)", base.HEX)
f.hb_keys = ProtoField.uint64("lead.heartbeat.keys", "Keys owned")
f.hb_peer_keys = ProtoField.uint64("lead.heartbeat.peer_keys", "Keys its node owns")
f.hb_cold_addr = ProtoField.ipv4("lead.heartbeat.cold_address", "Rumour: lightly loaded node")
f.hb_cold_keys = ProtoField.uint64("lead.heartbeat.cold_keys", "Rumour: its keys")
f.hb_cold_age = ProtoField.uint32("lead.heartbeat.cold_age_ms", "Rumour: age (ms)")
-- recruit (16 bytes)
f.r_id = ProtoField.uint64("lead.recruit.id", "Shadow vnode id", base.HEX)
f.r_keys = ProtoField.uint64("lead.recruit.keys", "Keys it would take")
-- VIEW_GOSSIP, VIEW_SYNC
f.v_digest = ProtoField.uint64("lead.view.digest", "Digest of the live set", base.HEX)
f.v_live = ProtoField.uint32("lead.view.live", "Live vnodes")
f.v_id = ProtoField.uint64("lead.view.id", "Vnode id", base.HEX)
f.v_addr = ProtoField.ipv4("lead.view.address", "Address")
f.v_vnode = ProtoField.uint16("lead.view.vnode", "Vnode index")
f.v_alive = ProtoField.uint8("lead.view.alive", "Alive")
f.v_stamp = ProtoField.uint64("lead.view.stamp", "Stamp (ns)")
f.u_phase = ProtoField.uint8("lead.update.phase", "Phase", base.DEC,
    { [1] = "PULL", [2] = "REFIT", [3] = "ANNOUNCE" })
f.u_flags = ProtoField.uint8("lead.update.flags", "Flags (bit 0: reply, bit 1: accepted)", base.HEX)
f.u_round = ProtoField.uint64("lead.update.round", "Round (coordinator id)", base.HEX)
f.u_word = ProtoField.uint64("lead.update.word", "Arc start or forwarding limit", base.HEX)
f.u_leaf = ProtoField.uint32("lead.update.leaf", "Leaf")
f.u_keys = ProtoField.uint64("lead.update.keys", "Keys")
f.u_minkey = ProtoField.uint64("lead.update.min_key", "Smallest key")
f.u_maxkey = ProtoField.uint64("lead.update.max_key", "Largest key")
f.u_ranklo = ProtoField.double("lead.update.rank_lo", "Rank interval start")
f.u_rankhi = ProtoField.double("lead.update.rank_hi", "Rank interval end")
f.u_intercept = ProtoField.double("lead.update.intercept", "Intercept")
f.u_slope = ProtoField.double("lead.update.slope", "Slope")
f.u_firstrank = ProtoField.uint64("lead.update.first_rank", "First rank")
f.u_lastrank = ProtoField.uint64("lead.update.last_rank", "Last rank")
f.u_maxerr = ProtoField.uint64("lead.update.max_error", "Max error")

local port_pref = 4000
lead.prefs.port = Pref.uint("UDP and TCP port", port_pref, "Overlay port (LeadNodeApp::Port)")

local function vnode_ref(buf, tree, label)
    local t = tree:add(buf(0, 14), label)
    t:add(f.ref_id, buf(0, 8))
    t:add(f.ref_addr, buf(8, 4))
    t:add(f.ref_index, buf(12, 2))
    return t
end

-- A list (LeadListCodec): a 2-byte count, then fixed-size items; returns the offset after it.
local function list(buf, off, tree, size, fields, label)
    if off + 2 > buf:len() then
        tree:add_expert_info(PI_MALFORMED, PI_ERROR, "list count missing")
        return buf:len()
    end
    local n = buf(off, 2):uint()
    tree:add(f.count, buf(off, 2))
    off = off + 2
    for k = 0, n - 1 do
        if off + size > buf:len() then
            tree:add_expert_info(PI_MALFORMED, PI_ERROR, "list runs past the message")
            return buf:len()
        end
        if fields then
            local it = tree:add(buf(off, size), label .. " " .. k)
            local o = off
            for _, fd in ipairs(fields) do
                it:add(fd[1], buf(o, fd[2]))
                o = o + fd[2]
            end
        else
            vnode_ref(buf(off, size), tree, label .. " " .. k)
        end
        off = off + size
    end
    return off
end

local function lookup_reply(buf, tree)
    if buf:len() < 16 then return 0 end
    tree:add(f.lookup_id, buf(0, 4))
    tree:add(f.target, buf(4, 8))
    tree:add(f.hops, buf(12, 1))
    tree:add(f.lr_flags, buf(13, 1))
    return list(buf, 14, tree, 14, nil, "Node")
end

local function neighbors(buf, tree)
    if buf:len() < 3 then return 0 end
    tree:add(f.nb_flags, buf(0, 1))
    local off = 1
    if bit.band(buf(0, 1):uint(), 1) == 1 then
        vnode_ref(buf(1, 14), tree, "Predecessor")
        off = 15
    end
    return list(buf, off, tree, 14, nil, "Successor")
end

local function kv(buf, tree)
    if buf:len() < 30 then return 0 end
    tree:add(f.key, buf(0, 8))
    tree:add(f.hash, buf(8, 8))
    tree:add(f.size, buf(16, 4))
    tree:add(f.tag, buf(20, 8))
    tree:add(f.status, buf(28, 1))
    tree:add(f.kv_flags, buf(29, 1))
    return 30
end

local function body(typ, is_reply, buf, tree)
    if buf:len() == 0 then
        return 0 -- acknowledgements, NOTIFY, PING
    end
    if typ == 1 and not is_reply and buf:len() >= 29 then -- FIND_SUCCESSOR
        tree:add(f.target, buf(0, 8))
        tree:add(f.lookup_id, buf(8, 4))
        vnode_ref(buf(12, 14), tree, "Origin")
        tree:add(f.hops, buf(26, 1))
        tree:add(f.wanted, buf(27, 1))
        tree:add(f.iterative, buf(28, 1))
        return 29
    elseif typ == 1 or typ == 2 then -- iterative step answer, FIND_SUCCESSOR_REPLY
        return lookup_reply(buf, tree)
    elseif typ == 3 and buf:len() >= 2 then -- GET_NEIGHBORS
        tree:add(f.nb_flags, buf(0, 1))
        tree:add(f.max_succ, buf(1, 1))
        return 2
    elseif typ == 4 or typ == 17 then -- GET_NEIGHBORS_REPLY, LEAVE
        return neighbors(buf, tree)
    elseif typ == 19 then -- ALERT
        return list(buf, 0, tree, 14, nil, "Suspect")
    elseif typ == 23 and buf:len() >= 14 then -- SUCC_HINT
        vnode_ref(buf(0, 14), tree, "Candidate")
        return 14
    elseif typ >= 9 and typ <= 14 then
        return kv(buf, tree)
    elseif typ == 15 and buf:len() >= 17 then -- TRANSFER
        tree:add(f.arc_lo, buf(0, 8))
        tree:add(f.arc_hi, buf(8, 8))
        tree:add(f.tr_flags, buf(16, 1))
        return list(buf, 17, tree, 28,
            { { f.key, 8 }, { f.hash, 8 }, { f.size, 4 }, { f.tag, 8 } }, "Item")
    elseif typ == 21 and is_reply and buf:len() >= 11 then -- answer of a client-driven walk
        tree:add(f.sa_flags, buf(0, 1))
        tree:add(f.sa_keys, buf(1, 8))
        tree:add(f.sa_parts, buf(9, 2))
        return list(buf, 11, tree, 14, nil, "Successor")
    elseif typ == 21 and buf:len() >= 61 then -- RANGE_SCAN
        tree:add(f.query_id, buf(0, 4))
        tree:add(f.start_key, buf(4, 8))
        tree:add(f.end_key, buf(12, 8))
        tree:add(f.end_hash, buf(20, 8))
        tree:add(f.remaining, buf(28, 8))
        vnode_ref(buf(36, 14), tree, "Client")
        tree:add(f.seq, buf(50, 2))
        tree:add(f.prev_id, buf(52, 8))
        tree:add(f.rs_flags, buf(60, 1))
        return 61
    elseif typ == 22 and buf:len() >= 9 then -- RANGE_PART
        tree:add(f.query_id, buf(0, 4))
        tree:add(f.seq, buf(4, 2))
        tree:add(f.chunk, buf(6, 2))
        tree:add(f.rp_flags, buf(8, 1))
        return list(buf, 9, tree, 20, { { f.key, 8 }, { f.size, 4 }, { f.tag, 8 } }, "Item")
    elseif (typ == 25 or typ == 26) and buf:len() >= 19 then -- MODEL_GET and its reply
        tree:add(f.m_version, buf(0, 4))
        tree:add(f.m_base, buf(4, 4))
        tree:add(f.m_flags, buf(8, 1))
        tree:add(f.m_total, buf(9, 4))
        tree:add(f.m_offset, buf(13, 4))
        tree:add(f.m_length, buf(17, 2))
        local n = buf(17, 2):uint()
        if n > 0 and buf:len() >= 19 + n then
            tree:add(f.m_data, buf(19, n))
            return 19 + n
        end
        return 19
    elseif typ == 27 and buf:len() >= 21 then -- HEARTBEAT
        tree:add(f.m_version, buf(0, 4))
        tree:add(f.hb_flags, buf(4, 1))
        tree:add(f.hb_keys, buf(5, 8))
        tree:add(f.hb_peer_keys, buf(13, 8))
        if bit.band(buf(4, 1):uint(), 2) == 2 and buf:len() >= 37 then
            tree:add(f.hb_cold_addr, buf(21, 4))
            tree:add(f.hb_cold_keys, buf(25, 8))
            tree:add(f.hb_cold_age, buf(33, 4))
            return 37
        end
        return 21
    elseif typ == 31 and buf:len() >= 16 then -- RECRUIT
        tree:add(f.r_id, buf(0, 8))
        tree:add(f.r_keys, buf(8, 8))
        return 16
    elseif (typ == 32 or typ == 33) and buf:len() >= 12 then -- VIEW_GOSSIP, VIEW_SYNC
        tree:add(f.v_digest, buf(0, 8))
        tree:add(f.v_live, buf(8, 4))
        return list(buf, 12, tree, 23, { { f.v_id, 8 }, { f.v_addr, 4 }, { f.v_vnode, 2 },
            { f.v_alive, 1 }, { f.v_stamp, 8 } }, "Event")
    elseif typ >= 28 and typ <= 30 and buf:len() >= 24 then -- MODEL_ANNOUNCE, UPDATE, UPDATE_REPLY
        tree:add(f.u_phase, buf(0, 1))
        tree:add(f.u_flags, buf(1, 1))
        tree:add(f.u_round, buf(2, 8))
        tree:add(f.m_version, buf(10, 4))
        tree:add(f.u_word, buf(14, 8))
        local phase = buf(0, 1):uint()
        local reply = bit.band(buf(1, 1):uint(), 1) == 1
        if phase == 1 and reply then
            return list(buf, 22, tree, 28,
                { { f.u_leaf, 4 }, { f.u_keys, 8 }, { f.u_minkey, 8 }, { f.u_maxkey, 8 } }, "Leaf")
        elseif phase == 2 and not reply then
            return list(buf, 22, tree, 20, { { f.u_leaf, 4 }, { f.u_ranklo, 8 }, { f.u_rankhi, 8 } },
                "Assignment")
        elseif phase == 2 then
            return list(buf, 22, tree, 52,
                { { f.u_leaf, 4 }, { f.u_intercept, 8 }, { f.u_slope, 8 }, { f.u_firstrank, 8 },
                  { f.u_lastrank, 8 }, { f.u_keys, 8 }, { f.u_maxerr, 8 } }, "Piece")
        end
        if buf:len() >= 24 then
            tree:add(f.count, buf(22, 2))
            return 24
        end
        return buf:len()
    end
    return 0
end

-- One message (header and body) in buf; returns the bytes used.
local function dissect_message(buf, pinfo, tree)
    if buf:len() < 32 then
        local t = tree:add(lead, buf(), "LEAD (truncated)")
        t:add_expert_info(PI_MALFORMED, PI_ERROR, "shorter than the 32-byte LEAD header")
        return buf:len()
    end
    local typ = buf(1, 1):uint()
    local is_reply = bit.band(buf(3, 1):uint(), 1) == 1
    local name = types[typ] or ("UNKNOWN(" .. typ .. ")")
    if is_reply and name:sub(-6) ~= "_REPLY" then
        name = name .. " reply" -- an acknowledgement carrying the request's type
    end
    local t = tree:add(lead, buf(), "LEAD " .. name)
    t:add(f.version, buf(0, 1))
    t:add(f.type, buf(1, 1))
    t:add(f.purpose, buf(2, 1))
    local flags = t:add(f.flags, buf(3, 1))
    flags:add(f.reply, buf(3, 1))
    t:add(f.request_id, buf(4, 4))
    t:add(f.src_id, buf(8, 8))
    t:add(f.dst_id, buf(16, 8))
    t:add(f.src_vnode, buf(24, 2))
    t:add(f.dst_vnode, buf(26, 2))
    t:add(f.model_version, buf(28, 4))
    local rest = buf(32):tvb()
    local used = body(typ, is_reply, rest, t)
    if rest:len() > used then
        t:add(f.payload, rest(used))
    end
    pinfo.cols.protocol = "LEAD"
    local info = tostring(pinfo.cols.info)
    if info:sub(1, 4) == "LEAD" then
        pinfo.cols.info:append(", " .. name)
    else
        pinfo.cols.info:set("LEAD " .. name)
    end
    return buf:len()
end

function lead.dissector(buf, pinfo, tree)
    return dissect_message(buf, pinfo, tree)
end

-- TCP: each message is preceded by its 4-byte length.
local lead_tcp = Proto("lead_tcp", "LEAD over TCP")

local function tcp_pdu_len(buf, pinfo, offset)
    return 4 + buf(offset, 4):uint()
end

local function tcp_pdu(buf, pinfo, tree)
    dissect_message(buf(4):tvb(), pinfo, tree)
    return buf:len()
end

function lead_tcp.dissector(buf, pinfo, tree)
    dissect_tcp_pdus(buf, tree, 4, tcp_pdu_len, tcp_pdu)
end

local registered = nil
local function register(port)
    if registered then
        DissectorTable.get("udp.port"):remove(registered, lead)
        DissectorTable.get("tcp.port"):remove(registered, lead_tcp)
    end
    DissectorTable.get("udp.port"):add(port, lead)
    DissectorTable.get("tcp.port"):add(port, lead_tcp)
    registered = port
end

function lead.prefs_changed()
    register(lead.prefs.port)
end

register(port_pref)

-- The KV-cache case study's control messages (LeadKvCacheHeader, UDP port 5200 by default;
-- preference "leadkv.port"). KV payloads are TCP transfers (port 5300) or not packets at all.
local leadkv = Proto("leadkv", "LEAD KV-cache case study")
local kv_types = {
    [1] = "REQUEST", [2] = "FORWARD", [3] = "FIRST_TOKEN", [4] = "FETCH", [5] = "FETCH_REPLY",
    [6] = "INDEX_QUERY", [7] = "INDEX_REPLY", [8] = "INDEX_PUBLISH", [9] = "GOSSIP",
}
local kf = leadkv.fields
kf.type = ProtoField.uint8("leadkv.type", "Type", base.DEC, kv_types)
kf.flags = ProtoField.uint8("leadkv.flags", "Flags (bit 0: push-pull reply)", base.HEX)
kf.request = ProtoField.uint64("leadkv.request", "Request id (GOSSIP: snapshot version)")
kf.value = ProtoField.uint64("leadkv.value", "Value (blocks granted, server, chunk)")
kf.tokens = ProtoField.uint32("leadkv.tokens", "Prompt tokens (FETCH: span blocks)")
kf.output = ProtoField.uint32("leadkv.output", "Output tokens")
kf.runs = ProtoField.uint16("leadkv.runs", "Block runs")
kf.run_start = ProtoField.uint64("leadkv.run.start", "First block", base.HEX)
kf.run_count = ProtoField.uint32("leadkv.run.count", "Blocks")
kf.holders = ProtoField.uint16("leadkv.holders", "Holders")
kf.holder = ProtoField.uint16("leadkv.holder", "Holder")
kf.blob = ProtoField.uint16("leadkv.blob", "Snapshot chunk bytes")
leadkv.prefs.port = Pref.uint("UDP port", 5200, "Port of the KV-cache control messages")

function leadkv.dissector(buf, pinfo, tree)
    if buf:len() < 30 then
        return 0
    end
    pinfo.cols.protocol = "LEAD-KV"
    local t = tree:add(leadkv, buf())
    local ty = buf(0, 1):uint()
    t:add(kf.type, buf(0, 1))
    t:add(kf.flags, buf(1, 1))
    t:add(kf.request, buf(2, 8))
    t:add(kf.value, buf(10, 8))
    t:add(kf.tokens, buf(18, 4))
    t:add(kf.output, buf(22, 4))
    local at = 28
    local n = buf(at, 2):uint()
    local runs = t:add(kf.runs, buf(at, 2))
    at = at + 2
    for _ = 1, n do
        if at + 12 > buf:len() then
            return buf:len()
        end
        runs:add(kf.run_start, buf(at, 8))
        runs:add(kf.run_count, buf(at + 8, 4))
        at = at + 12
    end
    if at + 2 > buf:len() then
        return buf:len()
    end
    local h = buf(at, 2):uint()
    local holders = t:add(kf.holders, buf(at, 2))
    at = at + 2
    for _ = 1, h do
        if at + 2 > buf:len() then
            return buf:len()
        end
        holders:add(kf.holder, buf(at, 2))
        at = at + 2
    end
    if at + 2 <= buf:len() then
        t:add(kf.blob, buf(at, 2))
    end
    pinfo.cols.info = (kv_types[ty] or ("type " .. ty)) .. " request " .. tostring(buf(2, 8):uint64())
    return buf:len()
end

local kv_registered = nil
local function register_kv(port)
    if kv_registered then
        DissectorTable.get("udp.port"):remove(kv_registered, leadkv)
    end
    DissectorTable.get("udp.port"):add(port, leadkv)
    kv_registered = port
end

function leadkv.prefs_changed()
    register_kv(leadkv.prefs.port)
end

register_kv(5200)
