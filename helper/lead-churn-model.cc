/*
 * Copyright (c) 2026 The lead module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Author: The lead module authors
 */

#include "lead-churn-model.h"

#include "ns3/abort.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

namespace ns3
{
namespace lead
{

Time
LeadChurnModel::Draw(Distribution d, Time mean, double u, const Shapes& shapes)
{
    const double m = mean.GetSeconds();
    u = std::clamp(u, 0.0, std::nextafter(1.0, 0.0));
    double s = m;
    switch (d)
    {
    case EXPONENTIAL:
        s = -m * std::log1p(-u);
        break;
    case PARETO: {
        const double a = shapes.pareto;
        const double scale = m * (a - 1) / a;
        s = scale / std::pow(1 - u, 1 / a);
        break;
    }
    case WEIBULL: {
        const double k = shapes.weibull;
        const double scale = m / std::tgamma(1 + 1 / k);
        s = scale * std::pow(-std::log1p(-u), 1 / k);
        break;
    }
    case UNIFORM:
        s = m * (0.1 + 1.8 * u);
        break;
    }
    // At least a millisecond, at most a year: a draw from a heavy tail must stay a Time.
    return Seconds(std::clamp(s, 0.001, 365.0 * 86400));
}

std::vector<LeadChurnModel::Session>
LeadChurnModel::Generate(uint32_t node,
                         Time start,
                         Time end,
                         Distribution d,
                         Time sessionMean,
                         Time downMean,
                         const Shapes& shapes,
                         const std::function<double()>& uniform)
{
    std::vector<Session> sessions;
    Time t = start;
    while (t < end)
    {
        const Time down = t + Draw(d, sessionMean, uniform(), shapes);
        sessions.push_back(Session{node, t, std::min(down, end)});
        t = down + Draw(d, downMean, uniform(), shapes);
    }
    return sessions;
}

std::string
LeadChurnModel::ParseTrace(std::istream& in, std::vector<Session>& sessions)
{
    sessions.clear();
    std::string line;
    uint64_t number = 0;
    while (std::getline(in, line))
    {
        ++number;
        const auto hash = line.find('#');
        std::istringstream fields(line.substr(0, hash));
        std::string a;
        std::string b;
        std::string c;
        std::string extra;
        if (!(fields >> a))
        {
            continue; // blank or comment
        }
        const std::string where = "line " + std::to_string(number) + ": ";
        if (!(fields >> b >> c) || (fields >> extra))
        {
            return where + "expected three fields (node up down), got '" + line + "'";
        }
        size_t used = 0;
        unsigned long node = 0;
        double up = 0;
        double down = 0;
        try
        {
            node = std::stoul(a, &used);
            if (used != a.size() || a[0] == '-')
            {
                return where + "node '" + a + "' is not a node index";
            }
            up = std::stod(b, &used);
            if (used != b.size())
            {
                return where + "up time '" + b + "' is not a number of seconds";
            }
            down = std::stod(c, &used);
            if (used != c.size())
            {
                return where + "down time '" + c + "' is not a number of seconds";
            }
        }
        catch (const std::exception&)
        {
            return where + "'" + line + "' is not 'node up down' (an index and two times in s)";
        }
        if (node > UINT32_MAX)
        {
            return where + "node " + a + " is out of range";
        }
        if (!std::isfinite(up) || !std::isfinite(down) || up < 0 || down <= up)
        {
            return where + "a session must have 0 <= up < down (got up " + b + ", down " + c + ")";
        }
        if (down > MAX_TRACE_SECONDS)
        {
            return where + "down time " + c + " s is beyond the " +
                   std::to_string(static_cast<uint64_t>(MAX_TRACE_SECONDS)) +
                   " s a trace may span (ns-3 times hold about 292 years)";
        }
        sessions.push_back(Session{static_cast<uint32_t>(node), Seconds(up), Seconds(down)});
    }
    std::stable_sort(sessions.begin(), sessions.end(), [](const Session& x, const Session& y) {
        return x.node != y.node ? x.node < y.node : x.up < y.up;
    });
    for (size_t i = 1; i < sessions.size(); ++i)
    {
        if (sessions[i].node == sessions[i - 1].node && sessions[i].up < sessions[i - 1].down)
        {
            return "node " + std::to_string(sessions[i].node) + ": sessions overlap (" +
                   std::to_string(sessions[i - 1].up.GetSeconds()) + "-" +
                   std::to_string(sessions[i - 1].down.GetSeconds()) + " s and " +
                   std::to_string(sessions[i].up.GetSeconds()) + "-" +
                   std::to_string(sessions[i].down.GetSeconds()) + " s)";
        }
    }
    return "";
}

std::vector<LeadChurnModel::Session>
LeadChurnModel::LoadTrace(const std::string& path)
{
    std::ifstream in(path);
    NS_ABORT_MSG_IF(!in, "churn trace '" << path << "': cannot open the file");
    std::vector<Session> sessions;
    const std::string error = ParseTrace(in, sessions);
    NS_ABORT_MSG_IF(!error.empty(), "churn trace '" << path << "': " << error);
    NS_ABORT_MSG_IF(sessions.empty(), "churn trace '" << path << "': no sessions");
    return sessions;
}

} // namespace lead
} // namespace ns3
